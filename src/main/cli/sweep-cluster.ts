/**
 * `sweep … --cluster redis://… --store s3://…` and `sweeps resume ID --cluster … --store …`:
 * the session's jobs go to the cluster through one ClusterClient, opened before the first job
 * and closed when the session ends (completed, paused or failed). Without --cluster the jobs
 * run here, as before.
 */
import { ClusterClient, type ClusterTarget } from '../services/cluster/submit/cluster-client.ts';
import { clusterRunHandles } from '../services/cluster/submit/cluster-run-handles.ts';
import { localRunHandles, type RunHandleFactory } from '../services/runs/isolation/run-handle.ts';
import { parseInteger } from './options.ts';

/** Jobs in flight on a cluster by default: enough to keep a few dozen worker slots busy. */
export const CLUSTER_JOBS_IN_FLIGHT = 32;
/** In flight, not threads here: a follower is a few Redis callbacks, so many are cheap. */
const MAX_CLUSTER_JOBS_IN_FLIGHT = 1024;
/** Local jobs are worker threads of this process. */
const MAX_LOCAL_WORKERS = 64;

export interface SweepClusterValues {
  workers?: string;
}

/** --workers: threads here, or jobs in flight on a cluster (default 32 there). */
export function sweepWorkersOf(v: SweepClusterValues, cluster: boolean): number | undefined {
  const max = cluster ? MAX_CLUSTER_JOBS_IN_FLIGHT : MAX_LOCAL_WORKERS;
  if (v.workers !== undefined) return parseInteger('workers', v.workers, 1, max);
  return cluster ? CLUSTER_JOBS_IN_FLIGHT : undefined;
}

/**
 * Runs `session` with the cluster's run handles (and closes the client after), or locally;
 * `local` settings serve the jobs that must resume here (cluster-run-handles.ts).
 */
export async function withSweepHandles<T>(
  target: ClusterTarget | null,
  local: { callbackTimeoutMs?: number },
  session: (runHandles: RunHandleFactory | undefined) => Promise<T>,
): Promise<T> {
  if (target === null) return session(undefined);
  const client = await ClusterClient.open(target);
  try {
    return await session(clusterRunHandles(client, localRunHandles(local)));
  } finally {
    await client.close();
  }
}
