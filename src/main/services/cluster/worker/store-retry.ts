/**
 * A worker's store calls ride out a short outage (0.5 s, 1 s, 2 s, … about 30 s in all) before
 * the attempt fails: a job's attempts (3) are for failures, and a store that is away for a few
 * seconds should not spend them. Only the store being unreachable or erroring is retried; what
 * the store answered (a garbage manifest, a corrupt chunk, an object over its cap) is final.
 */
import { ObjectStoreError } from '../store/object-store.ts';

const TRIES = 6;

export async function withStoreRetry<T>(fn: () => Promise<T>, tries = TRIES): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const transient = e instanceof ObjectStoreError && e.code !== 'ETOOBIG';
      if (!transient || i + 1 >= tries) throw e;
      await new Promise((r) => setTimeout(r, 500 * 2 ** i));
    }
  }
}
