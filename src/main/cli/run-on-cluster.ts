/**
 * `run … --cluster` and `resume … --cluster`: the run is executed by the cluster's workers and
 * followed from here — the same progress bar and signals as a local run (Ctrl-C stops following
 * and marks the run paused; the workers go on and `resume --cluster` picks the result up).
 */
import type { CheckpointPolicy } from '../services/checkpoints/checkpoint-manager.ts';
import type { ResumedFrom } from '../services/cluster/cluster-job.ts';
import { ClusterClient, type ClusterTarget } from '../services/cluster/submit/cluster-client.ts';
import {
  ClusterRunHost,
  type ClusterRunSummary,
} from '../services/cluster/submit/cluster-run-host.ts';
import type { RunJob } from '../services/runs/isolation/run-host.ts';
import type { CliContext } from './context.ts';
import { ProgressBar } from './progress.ts';
import { printRunSummary } from './run-output.ts';
import { installRunSignals } from './run-signals.ts';

export function describeResumedFrom(r: ResumedFrom | null): string {
  return r ? `resumed from ${r.attempt} checkpoint ${r.seq} at tick ${r.ticks}` : 'from tick 0';
}

export async function runOnCluster(
  ctx: CliContext,
  target: ClusterTarget,
  job: RunJob,
  checkpoints: CheckpointPolicy | null,
): Promise<ClusterRunSummary> {
  const client = await ClusterClient.open(target);
  const bar = new ProgressBar(ctx.io.stderr, job.kind === 'start' ? 'run' : 'resume');
  const host = new ClusterRunHost({
    db: ctx.db,
    dataDir: ctx.dataDir,
    client,
    job,
    checkpoints,
    onStart: (run) =>
      ctx.err(
        `run ${run.runId} ${job.kind === 'start' ? 'submitted' : 'followed again'} on ${target.redis.redacted}`,
      ),
    onAttempt: (attempt, from) =>
      ctx.err(`run on attempt ${attempt}, ${describeResumedFrom(from)}`),
    onProgress: (p) => bar.update(p.ticksDone, p.ticksTotal, 'ticks', p.ticksDone === p.ticksTotal),
  });
  const removeSignals = installRunSignals(ctx, host, 'following the run');
  try {
    return await host.finished;
  } finally {
    removeSignals();
    bar.done();
    await client.close();
  }
}

/** The end of `run --cluster` / `resume --cluster`: JSON (with `cluster`), or human lines. */
export function printClusterSummary(ctx: CliContext, s: ClusterRunSummary, json: boolean): void {
  if (json) ctx.out(JSON.stringify(s));
  else if (s.status === 'paused') printClusterInfo(ctx, s);
  else {
    printRunSummary(ctx, s);
    printClusterInfo(ctx, s);
  }
}

/** The lines a cluster run adds to the human output. */
function printClusterInfo(ctx: CliContext, s: ClusterRunSummary): void {
  if (s.status === 'paused') {
    ctx.out(
      `stopped following run ${s.runId} at ${s.ticks} ticks; the cluster goes on. Pick it up with: backtestr resume ${s.runId} --cluster URL`,
    );
    return;
  }
  if (!s.cluster) return;
  const c = s.cluster;
  ctx.out(
    `ran on worker ${c.worker} (attempt ${c.attempt}), ${describeResumedFrom(c.resumedFrom)}`,
  );
  for (const q of c.quarantined) ctx.out(`damaged store object moved to quarantine: ${q}`);
}
