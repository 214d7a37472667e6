import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCheckpointFile } from '../../services/checkpoints/checkpoint-reader.ts';
import { loadHasher } from '../../services/hash.ts';
import type { ResumeSummary } from '../../services/runs/resume-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import type { MirrorStats } from '../../services/cluster/mirror/checkpoint-mirror.ts';
import { CHECKPOINT_STORE_OPTIONS, CliCheckpointStore } from '../checkpoint-store.ts';
import type { CliContext } from '../context.ts';
import { fetchFromStore } from '../resume-from-store.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { callbackTimeoutOf, runInWorker, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import { UsageError } from '../usage.ts';
import { getClusterRun } from '../../services/cluster/cluster-runs.ts';
import { CLUSTER_OPTIONS, clusterTargetOf } from '../cluster-options.ts';
import { printClusterSummary, runOnCluster } from '../run-on-cluster.ts';

/**
 * Without RUN_ID, `--checkpoint FILE` names the run: the one the file (e.g. a savepoint from
 * another machine) belongs to. Read here only for its run id; the resume checks it in full.
 */
function runIdOfFile(which: string | undefined): string | undefined {
  if (which === undefined || /^\d+$/.test(which)) return undefined;
  return readCheckpointFile(path.resolve(which)).data.runId;
}

/**
 * `backtestr resume RUN_ID [--checkpoint SEQ|PATH | --from s3://…] [--force] [--json]
 * [--checkpoint-store s3://…]`, or `resume --checkpoint PATH`
 */
export async function resumeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      checkpoint: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...CHECKPOINT_OPTIONS,
      ...RUN_HOST_OPTIONS,
      ...CLUSTER_OPTIONS,
      ...CHECKPOINT_STORE_OPTIONS,
      from: { type: 'string' },
    },
  });
  const which = values.checkpoint;
  await loadHasher(); // the file's checksum, when it names the run
  const runId = positionals[0] ?? runIdOfFile(which);
  if (positionals.length > 1 || runId === undefined)
    throw new UsageError('resume needs exactly one RUN_ID (or --checkpoint FILE, whose run it is)');
  if (values.cluster !== undefined) {
    // The workers resume from the store the run was sent to themselves.
    if (values.from !== undefined)
      throw new UsageError('resume --cluster resumes from its --store: leave out --from');
    // The store the run was sent to, unless --store says otherwise.
    const sent = getClusterRun(ctx.db, runId)?.store;
    const target = clusterTargetOf(values, sent)!;
    const s = await runOnCluster(
      ctx,
      target,
      { kind: 'resume', request: { runId, checkpoint: which, force: values.force } },
      checkpointPolicyOf(values),
    );
    printClusterSummary(ctx, s, values.json ?? false);
    return 0;
  }
  if (values.store !== undefined) throw new UsageError('--store goes with --cluster');
  if (values.from !== undefined && which !== undefined)
    throw new UsageError('resume takes --from s3://… or --checkpoint, not both');
  const store = CliCheckpointStore.of(ctx, values);
  let fetched;
  try {
    fetched = values.from === undefined ? null : await fetchFromStore(ctx, runId, values.from);
  } catch (err) {
    store?.close();
    throw err;
  }
  let checkpoint = which === undefined ? undefined : /^\d+$/.test(which) ? Number(which) : which;
  if (fetched) checkpoint = fetched.file;
  let summary: ResumeSummary;
  let mirror: MirrorStats | null = null;
  try {
    summary = await runInWorker<ResumeSummary>(
      ctx,
      { kind: 'resume', request: { runId, checkpoint, force: values.force } },
      {
        checkpoints: checkpointPolicyOf(values),
        callbackTimeoutMs: callbackTimeoutOf(values),
        onStart: store?.onStart,
        onCheckpoint: store?.onCheckpoint,
      },
    );
  } finally {
    fetched?.remove();
    mirror = (await store?.finish()) ?? null;
  }
  for (const q of summary.quarantined) ctx.err(`damaged checkpoint moved aside: ${q}`);
  if (values.json) {
    ctx.out(summaryJson(ctx, summary, mirror));
    return 0;
  }
  const from = summary.resumedFrom;
  ctx.out(
    from
      ? `resumed from checkpoint ${from.seq} of run ${from.runId} at ${from.ticks} ticks`
      : `run ${summary.runId} had no usable checkpoint: started again from its first tick`,
  );
  if (summary.forkedFrom)
    ctx.out(`forked: new run ${summary.runId} (run ${summary.forkedFrom} is unchanged)`);
  printRunSummary(ctx, summary);
  return 0;
}
