import { parseArgs } from 'node:util';
import type { RunSummary } from '../../services/runs/run-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { callbackTimeoutOf, runInWorker, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import { parseRecord, RUN_SETTINGS_OPTIONS, runSettingsOf } from '../run-settings.ts';
import type { MirrorStats } from '../../services/cluster/mirror/checkpoint-mirror.ts';
import { CHECKPOINT_STORE_OPTIONS, CliCheckpointStore } from '../checkpoint-store.ts';
import type { CliContext } from '../context.ts';
import { CLUSTER_OPTIONS, clusterTargetOf } from '../cluster-options.ts';
import { printClusterSummary, runOnCluster } from '../run-on-cluster.ts';

export async function runCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...RUN_SETTINGS_OPTIONS,
      json: { type: 'boolean', default: false },
      ...CHECKPOINT_OPTIONS,
      ...RUN_HOST_OPTIONS,
      ...CLUSTER_OPTIONS,
      ...CHECKPOINT_STORE_OPTIONS,
    },
  });
  const cluster = clusterTargetOf(values);
  const request = {
    ...runSettingsOf(values),
    strategy: values.strategy ?? null,
    paramArgs: values.param,
    record: values.record === undefined ? undefined : parseRecord(values.record),
  };
  if (cluster) {
    const s = await runOnCluster(
      ctx,
      cluster,
      { kind: 'start', request },
      checkpointPolicyOf(values),
    );
    printClusterSummary(ctx, s, values.json ?? false);
    return 0;
  }
  const store = CliCheckpointStore.of(ctx, values);
  let summary: RunSummary;
  let mirror: MirrorStats | null = null;
  try {
    summary = await runInWorker<RunSummary>(
      ctx,
      { kind: 'start', request },
      {
        checkpoints: checkpointPolicyOf(values),
        callbackTimeoutMs: callbackTimeoutOf(values),
        onStart: store?.onStart,
        onCheckpoint: store?.onCheckpoint,
      },
    );
  } finally {
    // Even a failed run's checkpoints are worth having in the store: wait for them too.
    mirror = (await store?.finish()) ?? null;
  }
  if (values.json) ctx.out(summaryJson(ctx, summary, mirror));
  else printRunSummary(ctx, summary);
  return 0;
}
