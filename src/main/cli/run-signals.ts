import type { CliContext } from './context.ts';

/** What signals ask of a run: a RunControl, or the RunHost of a run in a worker. */
export interface RunRequests {
  requestPause(): void;
  requestCheckpoint(): void;
}

/**
 * CLI signals for a running backtest: SIGINT/SIGTERM write a checkpoint, mark the run paused
 * and let the process exit 0 (a second SIGINT exits at once); SIGUSR1 asks for a checkpoint.
 * A strategy stuck in a callback cannot pause: its watchdog fails the run after the callback's
 * budget. Returns a function that removes the handlers.
 */
export function installRunSignals(
  ctx: CliContext,
  control: RunRequests,
  /** What pauses, as the message names it. */
  what = 'the run',
): () => void {
  let stopping = false;
  const stop = (signal: string) => () => {
    if (stopping && signal === 'SIGINT') process.exit(130);
    stopping = true;
    ctx.io.stderr.write(`\n${signal}: writing a checkpoint and pausing ${what}…\n`);
    control.requestPause();
  };
  const checkpoint = () => control.requestCheckpoint();
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGINT', stop('SIGINT')],
    ['SIGTERM', stop('SIGTERM')],
  ];
  if (process.platform !== 'win32') handlers.push(['SIGUSR1', checkpoint]);
  for (const [sig, h] of handlers) process.on(sig, h);
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}
