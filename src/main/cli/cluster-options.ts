/**
 * `--cluster redis://… --store s3://…` of `run` and `resume`: where to send the run. Parsed here
 * so that a bad URL is a usage error before anything connects.
 */
import { parseRedisUrl } from '../services/cluster/redis-url.ts';
import { parseStoreUrl } from '../services/cluster/store/store-url.ts';
import type { ClusterTarget } from '../services/cluster/submit/cluster-client.ts';
import { UsageError } from './usage.ts';

export const CLUSTER_OPTIONS = {
  cluster: { type: 'string' },
  store: { type: 'string' },
} as const;

/** null without --cluster; `storeFallback` is the store a resumed run was sent to. */
export function clusterTargetOf(
  v: { cluster?: string; store?: string; 'checkpoint-store'?: string },
  storeFallback?: string,
): ClusterTarget | null {
  if (v.cluster === undefined) {
    if (v.store !== undefined) throw new UsageError('--store goes with --cluster');
    return null;
  }
  // The workers mirror every checkpoint to --store and resume from it themselves.
  if (v['checkpoint-store'] !== undefined)
    throw new UsageError(
      '--cluster runs keep their checkpoints in --store: leave out --checkpoint-store',
    );
  const store = v.store ?? storeFallback;
  if (store === undefined) throw new UsageError('--cluster needs --store s3://BUCKET/PREFIX');
  try {
    return { redis: parseRedisUrl(v.cluster, '--cluster'), store: parseStoreUrl(store) };
  } catch (e) {
    throw new UsageError((e as Error).message); // a malformed URL is a mistake in the call
  }
}
