/**
 * What a cluster job costs outside the engine, read where it lands: object sizes in the store
 * (by kind of object, per run), the commands Redis served (INFO commandstats, every client —
 * submitter, workers and their idle polling — summed) and the memory it holds.
 */
import { Redis } from 'ioredis';
import type { StoredObject } from '../src/main/services/cluster/store/object-store.ts';

export interface RunObjects {
  manifest: number;
  checkpoints: number;
  checkpointBytes: number;
  resultBytes: number;
}

const RUN_RE = /(?:^|\/)runs\/([^/]+)\/(job\.json|checkpoints\/|results\/)/;
const CHUNK_RE = /(?:^|\/)chunks\/[^/]+$/;

/** Tick chunk objects: uploaded once by the first submitter that needs them. */
export function chunkBytes(objects: StoredObject[]): { count: number; bytes: number } {
  const chunks = objects.filter((o) => CHUNK_RE.test(o.key));
  return { count: chunks.length, bytes: chunks.reduce((s, o) => s + o.size, 0) };
}

/** Each run's manifest, mirrored checkpoints (all attempts) and result, in bytes. */
export function runObjects(objects: StoredObject[]): Map<string, RunObjects> {
  const runs = new Map<string, RunObjects>();
  for (const o of objects) {
    const m = RUN_RE.exec(o.key);
    if (!m) continue;
    const r = runs.get(m[1]!) ?? {
      manifest: 0,
      checkpoints: 0,
      checkpointBytes: 0,
      resultBytes: 0,
    };
    if (m[2] === 'job.json') r.manifest += o.size;
    else if (m[2] === 'results/') r.resultBytes += o.size;
    else {
      r.checkpoints++;
      r.checkpointBytes += o.size;
    }
    runs.set(m[1]!, r);
  }
  return runs;
}

export interface RedisLoad {
  /** Commands served since the server started (INFO commandstats, summed over commands). */
  commands: number;
  /** Bytes of data it holds (INFO memory used_memory): finished jobs are kept for a while. */
  usedMemory: number;
}

export async function redisLoad(url: string): Promise<RedisLoad> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const stats = await redis.info('commandstats');
    let commands = 0;
    for (const m of stats.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) commands += Number(m[1]);
    const usedMemory = Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? NaN);
    return { commands, usedMemory };
  } finally {
    redis.disconnect();
  }
}
