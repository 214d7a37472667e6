/**
 * A job's data as the worker reads it: Redis is outside input, so it is validated before any of
 * it becomes a key or a path, and the job must be for the store this worker serves (a job cannot
 * point a worker's credentials at another bucket).
 */
import { z } from 'zod';
import type { ClusterJobData } from '../cluster-job.ts';
import { checkSegment } from '../store/store-keys.ts';
import { formatStoreUrl, parseStoreUrl, type StoreUrl } from '../store/store-url.ts';

const schema = z.object({
  v: z.literal(1),
  runId: z.string().max(128),
  store: z.string().max(1100),
});

export function parseJobData(
  jobId: string | undefined,
  data: unknown,
  served: StoreUrl,
): ClusterJobData {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new Error(`job ${jobId ?? '?'} has malformed data: ${parsed.error.issues[0]?.message}`);
  const d = parsed.data;
  checkSegment('run id', d.runId);
  if (d.runId !== jobId) throw new Error(`job ${jobId ?? '?'} names another run (${d.runId})`);
  const store = formatStoreUrl(parseStoreUrl(d.store, 'job store'));
  if (store !== formatStoreUrl(served))
    throw new Error(`job ${d.runId} is for ${store}; this worker serves ${formatStoreUrl(served)}`);
  return d;
}
