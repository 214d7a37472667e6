/**
 * ClusterClient.open with a deadline of the app's own: the Settings screen and a run's start
 * must answer in seconds, whatever Redis, the network or the store do. A client that opens after
 * the deadline is closed at once, so a slow server never leaves a connection behind.
 */
import { formatStoreUrl } from '../cluster/store/store-url.ts';
import { ClusterClient, type ClusterTarget } from '../cluster/submit/cluster-client.ts';

export function openWithin(target: ClusterTarget, ms: number): Promise<ClusterClient> {
  const opening = ClusterClient.open(target);
  return new Promise<ClusterClient>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      const where = `${target.redis.redacted} and ${formatStoreUrl(target.store)}`;
      reject(new Error(`cluster at ${where}: no answer within ${ms / 1000} s`));
    }, ms);
    opening.then(
      (client) => {
        clearTimeout(timer);
        if (late) void client.close().catch(() => {});
        else resolve(client);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
