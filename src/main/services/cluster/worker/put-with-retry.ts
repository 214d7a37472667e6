/**
 * A put that rides out a short store outage (0.5 s, 1 s, 2 s, … up to about 30 s in all) before
 * it gives up: a finished run's result is worth waiting for, and the job is retried by BullMQ
 * only after that (from the mirrored checkpoints, so little is lost then either).
 */
import type { ObjectStore } from '../store/object-store.ts';

export async function putWithRetry(
  store: ObjectStore,
  key: string,
  bytes: Uint8Array,
  tries = 6,
): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await store.put(key, bytes);
      return;
    } catch (e) {
      if (i + 1 >= tries) throw e;
      await new Promise((r) => setTimeout(r, 500 * 2 ** i));
    }
  }
}
