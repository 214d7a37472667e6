/**
 * ClusterClient.open with a deadline of the app's own: the Settings screen and a run's start
 * must answer in seconds, whatever Redis, the network or the store do. A client that opens after
 * the deadline is closed at once, so a slow server never leaves a connection behind.
 * `probeStore` also lists an empty corner of the store: open() checks only Redis, and a
 * connection test that passes with a wrong bucket or endpoint would be a lie.
 */
import { storeKeys } from '../cluster/store/store-keys.ts';
import { formatStoreUrl } from '../cluster/store/store-url.ts';
import { ClusterClient, type ClusterTarget } from '../cluster/submit/cluster-client.ts';

export function openWithin(
  target: ClusterTarget,
  ms: number,
  probeStore = false,
): Promise<ClusterClient> {
  const opening = ClusterClient.open(target).then(async (client) => {
    if (!probeStore) return client;
    try {
      await client.store.list(`${storeKeys.run(target.store, 'backtestr-connection-test')}/`);
      return client;
    } catch (err) {
      await client.close().catch(() => {});
      throw err;
    }
  });
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
