import { parseArgs } from 'node:util';
import { startSweep, SWEEP_JOB_POLICY } from '../../services/sweeps/sweep-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import type { CliContext } from '../context.ts';
import { parseInteger } from '../options.ts';
import { callbackTimeoutOf, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import { printSweep, sweepJson } from '../sweep-output.ts';
import { runSweepFromCli } from '../sweep-session.ts';
import { SWEEP_SPEC_OPTIONS, sweepSpecOf } from '../sweep-spec-args.ts';

/** parseArgs options of a sweep session, shared by `sweep` and `sweeps resume`. */
export const SWEEP_SESSION_OPTIONS = {
  workers: { type: 'string' },
  json: { type: 'boolean', default: false },
  ...CHECKPOINT_OPTIONS,
  ...RUN_HOST_OPTIONS,
} as const;

export function workersOf(v: { workers?: string }): number | undefined {
  return v.workers === undefined ? undefined : parseInteger('workers', v.workers, 1, 64);
}

/** `backtestr sweep --strategy NAME --symbol SYM --param fast=5:20:5 --param slow=20,30 …` */
export async function sweepCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...SWEEP_SPEC_OPTIONS, ...SWEEP_SESSION_OPTIONS },
  });
  const spec = sweepSpecOf(values);
  const detail = await runSweepFromCli(
    ctx,
    (opts) => startSweep(ctx.db, ctx.dataDir, spec, opts),
    {
      workers: workersOf(values),
      checkpoints: checkpointPolicyOf(values, SWEEP_JOB_POLICY),
      callbackTimeoutMs: callbackTimeoutOf(values),
    },
    'started',
  );
  if (values.json) ctx.out(sweepJson(detail));
  else printSweep(ctx, detail);
  return 0;
}
