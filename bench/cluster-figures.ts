/**
 * What a cluster job costs outside the engine, read where it lands: object sizes in the store
 * (by kind of object, per run) and the commands Redis served (INFO commandstats, every client —
 * submitter, workers and their idle polling — summed).
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

/** Total commands Redis has served since it started (INFO commandstats, summed over commands). */
export async function redisCommands(url: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('commandstats');
    let calls = 0;
    for (const m of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) calls += Number(m[1]);
    return calls;
  } finally {
    redis.disconnect();
  }
}
