/**
 * A submitter's connections to a cluster, shared by every run it submits (a 1,000-job sweep
 * opens one Queue, one QueueEvents and one store client, not a thousand): BullMQ's queue to add
 * jobs, its events stream to follow them, and the object store the data and results go through.
 */
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { RUN_QUEUE, type ClusterJobData, type ClusterJobOutcome } from '../cluster-job.ts';
import { openRedis, type RedisTarget } from '../redis-url.ts';
import { S3ObjectStore, type ObjectStore } from '../store/object-store.ts';
import { JobEvents } from './job-events.ts';
import type { StoreUrl } from '../store/store-url.ts';

export interface ClusterTarget {
  redis: RedisTarget;
  store: StoreUrl;
}

export type RunQueue = Queue<ClusterJobData, ClusterJobOutcome>;

/** How long `open` waits for Redis to answer before it reports it unreachable. */
const PING_TIMEOUT_MS = 5000;

/**
 * Pings Redis with a client that gives up: BullMQ's own clients retry forever (they must not
 * lose a blocking command), which would make a wrong URL hang the CLI instead of failing.
 */
export async function pingRedis(target: RedisTarget, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  const probe = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | null = null;
  probe.on('error', (e: Error) => (cause ??= e)); // the real reason, e.g. ECONNREFUSED
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe.connect().then(() => probe.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    const why = (cause as Error | null)?.message ?? (e as Error).message;
    throw new Error(`cannot reach Redis at ${target.redacted}: ${why}`);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

export class ClusterClient {
  readonly target: ClusterTarget;
  readonly store: ObjectStore;
  readonly queue: RunQueue;
  readonly events: QueueEvents;
  /** Per-job dispatch of `events`, for the followers of this client's runs. */
  readonly jobEvents: JobEvents;
  /** Chunk keys seen in (or put into) the store by this session: shipTicks checks each once. */
  readonly knownChunks = new Set<string>();
  readonly #connections: Redis[];

  private constructor(target: ClusterTarget, store: ObjectStore) {
    this.target = target;
    this.store = store;
    this.#connections = [openRedis(target.redis), openRedis(target.redis)];
    this.queue = new Queue(RUN_QUEUE, { connection: this.#connections[0] });
    this.events = new QueueEvents(RUN_QUEUE, { connection: this.#connections[1] });
    this.jobEvents = new JobEvents(this.events);
    // A dropped connection reconnects by itself; followers poll the job as a backstop meanwhile.
    this.queue.on('error', () => {});
    this.events.on('error', () => {});
  }

  /** Connects to Redis and the store (fails with a clear message if Redis is unreachable). */
  static async open(target: ClusterTarget): Promise<ClusterClient> {
    await pingRedis(target.redis);
    const client = new ClusterClient(target, new S3ObjectStore(target.store));
    await Promise.all([client.queue.waitUntilReady(), client.events.waitUntilReady()]);
    return client;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.queue.close(), this.events.close()]);
    // BullMQ leaves the clients it was handed open: they are ours to close.
    for (const c of this.#connections) c.disconnect();
    this.store.close();
  }
}
