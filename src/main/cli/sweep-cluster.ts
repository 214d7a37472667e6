/**
 * `sweep … --cluster redis://… --store s3://…` and `sweeps resume ID --cluster … --store …`:
 * the session's jobs go to the cluster through one ClusterClient, opened before the first job
 * and closed when the session ends (completed, paused or failed). Without --cluster the jobs
 * run here, as before.
 */
import { RedisUrlError, parseRedisUrl } from '../services/cluster/redis-url.ts';
import { StoreUrlError, parseStoreUrl } from '../services/cluster/store/store-url.ts';
import { ClusterClient, type ClusterTarget } from '../services/cluster/submit/cluster-client.ts';
import { clusterRunHandles } from '../services/cluster/submit/cluster-run-handles.ts';
import type { RunHandleFactory } from '../services/runs/isolation/run-handle.ts';
import { parseInteger } from './options.ts';
import { UsageError } from './usage.ts';

/** Jobs in flight on a cluster by default: enough to keep a few dozen worker slots busy. */
export const CLUSTER_JOBS_IN_FLIGHT = 32;
/** In flight, not threads here: a follower is a few Redis callbacks, so many are cheap. */
const MAX_CLUSTER_JOBS_IN_FLIGHT = 1024;
/** Local jobs are worker threads of this process. */
const MAX_LOCAL_WORKERS = 64;

export const SWEEP_CLUSTER_OPTIONS = {
  cluster: { type: 'string' },
  store: { type: 'string' },
} as const;

export interface SweepClusterValues {
  cluster?: string;
  store?: string;
  workers?: string;
}

/** The cluster named by --cluster/--store, or null for a local session. */
export function clusterTargetOf(v: SweepClusterValues): ClusterTarget | null {
  if (v.cluster === undefined) {
    if (v.store !== undefined) throw new UsageError('--store is for --cluster (the job store)');
    return null;
  }
  if (v.store === undefined)
    throw new UsageError('--cluster needs --store s3://BUCKET/PREFIX (where the jobs’ data goes)');
  try {
    return { redis: parseRedisUrl(v.cluster, '--cluster'), store: parseStoreUrl(v.store) };
  } catch (err) {
    if (err instanceof RedisUrlError || err instanceof StoreUrlError)
      throw new UsageError(err.message);
    throw err;
  }
}

/** --workers: threads here, or jobs in flight on a cluster (default 32 there). */
export function sweepWorkersOf(v: SweepClusterValues, cluster: boolean): number | undefined {
  const max = cluster ? MAX_CLUSTER_JOBS_IN_FLIGHT : MAX_LOCAL_WORKERS;
  if (v.workers !== undefined) return parseInteger('workers', v.workers, 1, max);
  return cluster ? CLUSTER_JOBS_IN_FLIGHT : undefined;
}

/** Runs `session` with the cluster's run handles (and closes the client after), or locally. */
export async function withSweepHandles<T>(
  target: ClusterTarget | null,
  session: (runHandles: RunHandleFactory | undefined) => Promise<T>,
): Promise<T> {
  if (target === null) return session(undefined);
  const client = await ClusterClient.open(target);
  try {
    return await session(clusterRunHandles(client));
  } finally {
    await client.close();
  }
}
