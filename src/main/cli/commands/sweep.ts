import { parseArgs } from 'node:util';
import { startSweep, SWEEP_JOB_POLICY } from '../../services/sweeps/sweep-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import type { CliContext } from '../context.ts';
import { callbackTimeoutOf, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import { CLUSTER_OPTIONS, clusterTargetOf } from '../cluster-options.ts';
import { sweepWorkersOf, withSweepHandles } from '../sweep-cluster.ts';
import { printSweep, sweepJson } from '../sweep-output.ts';
import { runSweepFromCli } from '../sweep-session.ts';
import { SWEEP_SPEC_OPTIONS, sweepSpecOf } from '../sweep-spec-args.ts';

/** parseArgs options of a sweep session, shared by `sweep` and `sweeps resume`. */
export const SWEEP_SESSION_OPTIONS = {
  workers: { type: 'string' },
  json: { type: 'boolean', default: false },
  ...CHECKPOINT_OPTIONS,
  ...RUN_HOST_OPTIONS,
  ...CLUSTER_OPTIONS,
} as const;

/** `backtestr sweep --strategy NAME --symbol SYM --param fast=5:20:5 --param slow=20,30 …` */
export async function sweepCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...SWEEP_SPEC_OPTIONS, ...SWEEP_SESSION_OPTIONS },
  });
  const spec = sweepSpecOf(values);
  // Only the cluster's own options: a sweep's --from is its start date.
  const cluster = clusterTargetOf({ cluster: values.cluster, store: values.store });
  const local = { callbackTimeoutMs: callbackTimeoutOf(values) };
  const detail = await withSweepHandles(cluster, local, (runHandles) =>
    runSweepFromCli(
      ctx,
      (opts) => startSweep(ctx.db, ctx.dataDir, spec, opts),
      {
        workers: sweepWorkersOf(values, cluster !== null),
        checkpoints: checkpointPolicyOf(values, SWEEP_JOB_POLICY),
        ...local,
        runHandles,
      },
      'started',
    ),
  );
  if (values.json) ctx.out(sweepJson(detail));
  else printSweep(ctx, detail);
  return 0;
}
