/**
 * What the store shows about the cluster's runs, read through the same S3 client BackTestr
 * uses: each run's mirrored checkpoints (by attempt) and whether a result is there yet. The demo
 * uses it to kill a worker at the moment the issue names — mid-job, with a checkpoint in the
 * store — and the bench to count the bytes each kind of object takes.
 */
import { parseCheckpointFileName } from '../../src/main/services/checkpoints/btck/file-name.ts';
import type {
  ObjectStore,
  StoredObject,
} from '../../src/main/services/cluster/store/object-store.ts';

export interface StoreCheckpoint {
  runId: string;
  attempt: string;
  seq: number;
  ticks: number;
  key: string;
}

export interface StoreSnapshot {
  checkpoints: StoreCheckpoint[];
  /** Runs that have a result object. */
  finished: Set<string>;
  objects: StoredObject[];
}

const CHECKPOINT_RE = /(?:^|\/)runs\/([^/]+)\/checkpoints\/([^/]+)\/([^/]+)$/;
const RESULT_RE = /(?:^|\/)runs\/([^/]+)\/results\/[^/]+$/;

export async function snapshot(store: ObjectStore): Promise<StoreSnapshot> {
  const objects = await store.list(store.url.prefix ? `${store.url.prefix}/` : '');
  const checkpoints: StoreCheckpoint[] = [];
  const finished = new Set<string>();
  for (const o of objects) {
    const c = CHECKPOINT_RE.exec(o.key);
    const name = c ? parseCheckpointFileName(c[3]!) : null;
    if (c && name) checkpoints.push({ runId: c[1]!, attempt: c[2]!, ...name, key: o.key });
    const r = RESULT_RE.exec(o.key);
    if (r) finished.add(r[1]!);
  }
  return { checkpoints, finished, objects };
}

/** The pid in an attempt id `<host>-<pid>-<n>` (store-keys.ts attemptId). */
export function pidOfAttempt(attempt: string): number | null {
  const parts = attempt.split('-');
  const pid = Number(parts.at(-2));
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** A checkpoint that `pid` mirrored for a run with no result yet: that worker is mid-job. */
export function midJobCheckpoint(s: StoreSnapshot, pid: number): StoreCheckpoint | null {
  return (
    s.checkpoints.find(
      (c) => pidOfAttempt(c.attempt) === pid && c.ticks > 0 && !s.finished.has(c.runId),
    ) ?? null
  );
}
