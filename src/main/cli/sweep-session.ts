/**
 * Runs a sweep session (start or resume) from the CLI: a progress line on stderr, and Ctrl-C
 * (SIGINT/SIGTERM) pauses the sweep — every running job checkpoints and pauses; `sweeps resume`
 * continues it.
 */
import type { SweepDetail } from '../../shared/sweeps.ts';
import { SweepControl, type SweepRunOptions } from '../services/sweeps/sweep-service.ts';
import type { CliContext } from './context.ts';
import { ProgressBar } from './progress.ts';
import { installRunSignals } from './run-signals.ts';

export async function runSweepFromCli(
  ctx: CliContext,
  run: (opts: SweepRunOptions) => Promise<SweepDetail>,
  opts: Omit<SweepRunOptions, 'control' | 'onProgress' | 'onStart'>,
  verb: 'started' | 'resumed',
): Promise<SweepDetail> {
  const bar = new ProgressBar(ctx.io.stderr, 'sweep');
  const control = new SweepControl();
  let base: number | null = null;
  const removeSignals = installRunSignals(
    ctx,
    { requestPause: () => control.requestPause(), requestCheckpoint: () => {} },
    "the sweep's running jobs",
  );
  try {
    return await run({
      ...opts,
      control,
      onStart: (id) => ctx.io.stderr.write(`sweep ${id} ${verb}\n`),
      // Counted from this session's start: a resumed sweep's earlier jobs would inflate the rate.
      onProgress: (e) => {
        base ??= e.jobsDone;
        bar.update(e.jobsDone - base, e.jobsTotal - base, 'jobs', e.jobsRunning === 0);
      },
    });
  } finally {
    removeSignals();
    bar.done();
  }
}
