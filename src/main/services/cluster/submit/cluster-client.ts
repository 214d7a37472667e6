/**
 * A submitter's connections to a cluster, shared by every run it submits (a 1,000-job sweep
 * opens one Queue, one QueueEvents and one store client, not a thousand): BullMQ's queue to add
 * jobs, its events stream to follow them, and the object store the data and results go through.
 *
 * FOUNDATION STUB — implemented by the cluster transport work (helper h3). Signatures are binding.
 */
import type { RedisTarget } from '../redis-url.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { StoreUrl } from '../store/store-url.ts';

export interface ClusterTarget {
  redis: RedisTarget;
  store: StoreUrl;
}

export class ClusterClient {
  readonly target: ClusterTarget;
  readonly store: ObjectStore;

  private constructor(target: ClusterTarget, store: ObjectStore) {
    this.target = target;
    this.store = store;
  }

  /** Connects to Redis and the store (fails with a clear message if Redis is unreachable). */
  static async open(_target: ClusterTarget): Promise<ClusterClient> {
    throw new Error('not implemented');
  }

  async close(): Promise<void> {}
}
