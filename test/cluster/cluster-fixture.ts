/**
 * What the cluster transport tests share: a real redis-server and s3rver for the file, real
 * `backtestr worker` processes, and the submitter as the real CLI. Each test gets its own Redis
 * database and store prefix, so workers of one test never see another test's jobs.
 */
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startRedis, type LocalRedis } from '../../scripts/cluster/local-servers.ts';
import { RUN_QUEUE } from '../../src/main/services/cluster/cluster-job.ts';
import { openRedis, parseRedisUrl } from '../../src/main/services/cluster/redis-url.ts';
import type { ObjectStore } from '../../src/main/services/cluster/store/object-store.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import { formatStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
import { startCli, waitFor, type RunningCli } from '../checkpoints/crash/child-cli.ts';
import { freshStore, NO_SKIP, useS3 } from './store-fixture.ts';

/** Short BullMQ timings: a dead worker's job is handed on within seconds. */
export const FAST_LOCKS = ['--lock-ms', '2000', '--stall-ms', '1000'];
/** A checkpoint every 100 000 ticks, none by time. */
export const CLUSTER_CKPT = ['--checkpoint-every-ticks', '100000', '--checkpoint-interval', '0'];

export interface ClusterFixture {
  redisUrl: string;
  store: ObjectStore;
  storeUrl: string;
  /** `--cluster URL --store URL`: what a submitting command adds to go to this cluster. */
  submit: string[];
  env: Record<string, string>;
  /** A `backtestr worker` process on this test's queue and store, ready to take jobs. */
  worker(dataDir: string, env?: Record<string, string>): Promise<RunningCli>;
  queue(): Queue;
}

export function useCluster(): () => ClusterFixture {
  const s3 = useS3();
  let redis: LocalRedis | null = null;
  let db = 0;
  let current: ClusterFixture | null = null;
  const procs: RunningCli[] = [];
  const queues: { q: Queue; close: () => void }[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  }, 60_000);
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      p.child.kill('SIGCONT');
      p.child.kill('SIGKILL');
      await p.exited;
    }
    for (const { q, close } of queues.splice(0)) {
      await q.close();
      close(); // BullMQ leaves a connection it was handed open
    }
    current = null;
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (current) return current;
    const redisUrl = `${redis!.url}/${++db}`;
    const store = freshStore(s3());
    const storeUrl = formatStoreUrl(store.url);
    const env = { ...s3().env, ...NO_SKIP };
    const fixture: ClusterFixture = {
      redisUrl,
      store,
      storeUrl,
      submit: ['--cluster', redisUrl, '--store', storeUrl],
      env,
      async worker(dataDir, extra = {}) {
        const args = ['worker', '--redis', redisUrl, '--store', storeUrl, ...FAST_LOCKS];
        const p = startCli(dataDir, args, { ...env, ...extra });
        procs.push(p);
        const ready = await waitFor(p, () => (/serving/.test(p.stderr()) ? true : undefined));
        expect(ready, p.stderr()).toBe(true);
        return p;
      },
      queue() {
        const conn = openRedis(parseRedisUrl(redisUrl));
        const q = new Queue(RUN_QUEUE, { connection: conn });
        queues.push({ q, close: () => conn.disconnect() });
        return q;
      },
    };
    current = fixture;
    return fixture;
  };
}

/** The run's checkpoint objects in the store, each with its attempt and tick count. */
export async function storeCheckpoints(
  store: ObjectStore,
  runId: string,
): Promise<{ key: string; attempt: string; ticks: number; size: number }[]> {
  const prefix = storeKeys.checkpoints(store.url, runId);
  return (await store.list(prefix)).flatMap((o) => {
    const m = /^([^/]+)\/ckpt-(\d+)-(\d+)\.btck$/.exec(o.key.slice(prefix.length));
    return m ? [{ key: o.key, attempt: m[1], ticks: Number(m[3]), size: o.size }] : [];
  });
}

/** Polls (bounded by the test's timeout) until `check` gives a value. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
