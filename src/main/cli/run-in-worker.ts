/**
 * `run` and `resume` execute the session in a worker thread (services/runs/isolation): this
 * thread only draws the progress bar and handles signals, so Ctrl-C, SIGTERM and SIGUSR1 are
 * answered even while a strategy callback loops forever (the watchdog ends such a run after its
 * budget, `--callback-timeout`, naming the callback).
 */
import type { CheckpointPolicy } from '../services/checkpoints/checkpoint-manager.ts';
import type { CheckpointResult } from '../services/checkpoints/checkpoint-writer.ts';
import { RunHost, type RunJob, type StartedRun } from '../services/runs/isolation/run-host.ts';
import type { ResumeSummary } from '../services/runs/resume-service.ts';
import type { RunSummary } from '../services/runs/run-service.ts';
import type { CliContext } from './context.ts';
import { parseDuration } from './options.ts';
import { ProgressBar } from './progress.ts';
import { installRunSignals } from './run-signals.ts';

/** parseArgs options of the run host shared by `run` and `resume`. */
export const RUN_HOST_OPTIONS = {
  'callback-timeout': { type: 'string' },
} as const;

/** --callback-timeout 5s: the budget of one strategy callback; undefined = the default. */
export function callbackTimeoutOf(v: { 'callback-timeout'?: string }): number | undefined {
  const t = v['callback-timeout'];
  if (t === undefined) return undefined;
  const ms = parseDuration('callback-timeout', t);
  return ms > 0 ? ms : undefined;
}

export async function runInWorker<S extends RunSummary | ResumeSummary>(
  ctx: CliContext,
  job: RunJob,
  opts: {
    checkpoints: CheckpointPolicy | null;
    callbackTimeoutMs?: number;
    /** Also told when the run has started (its id), e.g. --checkpoint-store's mirror. */
    onStart?: (run: StartedRun) => void;
    /** Each checkpoint the session wrote or failed to write (on this thread). */
    onCheckpoint?: (result: CheckpointResult) => void;
  },
): Promise<S> {
  const label = job.kind === 'start' ? 'run' : 'resume';
  const bar = new ProgressBar(ctx.io.stderr, label);
  const host = new RunHost({
    db: ctx.db,
    dataDir: ctx.dataDir,
    job,
    checkpoints: opts.checkpoints,
    callbackTimeoutMs: opts.callbackTimeoutMs,
    onStart: (run) => {
      ctx.io.stderr.write(`run ${run.runId} ${job.kind === 'start' ? 'started' : 'resumed'}\n`);
      opts.onStart?.(run);
    },
    onCheckpoint: opts.onCheckpoint,
    onProgress: (p) => bar.update(p.ticksDone, p.ticksTotal, 'ticks', p.ticksDone === p.ticksTotal),
  });
  const removeSignals = installRunSignals(ctx, host);
  try {
    return (await host.finished) as S;
  } finally {
    removeSignals();
    bar.done();
  }
}
