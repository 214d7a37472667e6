/**
 * The newest valid checkpoint of a run in an object store, as a local file to resume from
 * (`resume RUN_ID --from s3://…`, and a cluster worker picking up a job another attempt began).
 * Newest = most ticks across every attempt's folder (runs are deterministic: two attempts'
 * checkpoints at the same tick hold the same state). Each candidate is downloaded (bounded by
 * the checkpoint size cap) and read with every check a local resume makes; one that fails is
 * moved to runs/<id>/quarantine/… and the next older one tried, as locally.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UnsupportedCheckpointVersionError } from '../../checkpoints/btck/errors.ts';
import { parseCheckpointFileName } from '../../checkpoints/btck/file-name.ts';
import { MAX_FILE_BYTES } from '../../checkpoints/btck/limits.ts';
import { readCheckpointFile } from '../../checkpoints/checkpoint-reader.ts';
import { loadHasher } from '../../hash.ts';
import { ObjectStoreError, type ObjectStore } from './object-store.ts';
import { checkSegment, storeKeys } from './store-keys.ts';

export interface FetchedCheckpoint {
  /** The downloaded savepoint, in `dir`. */
  file: string;
  key: string;
  attempt: string;
  seq: number;
  ticks: number;
}

export interface FetchResult {
  checkpoint: FetchedCheckpoint | null;
  /** Keys moved to quarantine on the way, with the reason. */
  quarantined: { key: string; reason: string }[];
  /** Keys passed over but left in place: written by a newer BackTestr, or gone meanwhile. */
  skipped?: { key: string; reason: string }[];
}

interface Candidate {
  key: string;
  size: number;
  attempt: string;
  name: string;
  seq: number;
  ticks: number;
}

/** `<attempt>/ckpt-<seq>-<ticks>.btck` under the run's checkpoints/; anything else is not ours. */
function parseKey(prefix: string, key: string, size: number): Candidate | null {
  const parts = key.slice(prefix.length).split('/');
  if (parts.length !== 2) return null;
  const [attempt, name] = parts;
  const parsed = parseCheckpointFileName(name);
  try {
    checkSegment('attempt', attempt);
  } catch {
    return null;
  }
  return parsed ? { key, size, attempt, name, ...parsed } : null;
}

/** Why the downloaded file is not a savepoint of `runId` to resume; null if it is. */
function problemOf(file: string, runId: string): string | null {
  const { data } = readCheckpointFile(file);
  if (data.meta.trigger !== 'savepoint')
    return `a '${data.meta.trigger}' checkpoint, not a savepoint: it needs the bar store of the data folder that wrote it`;
  if (data.runId !== runId) return `a checkpoint of run ${data.runId}, not of run ${runId}`;
  return null;
}

export async function fetchNewestCheckpoint(
  store: ObjectStore,
  runId: string,
  dir: string,
): Promise<FetchResult> {
  await loadHasher(); // the reader checks the file's checksum
  const prefix = storeKeys.checkpoints(store.url, runId);
  const candidates = (await store.list(prefix))
    .map((o) => parseKey(prefix, o.key, o.size))
    .filter((c): c is Candidate => c !== null)
    .sort((a, b) => b.ticks - a.ticks || b.seq - a.seq || (a.key < b.key ? -1 : 1));
  const quarantined: FetchResult['quarantined'] = [];
  const skipped: NonNullable<FetchResult['skipped']> = [];
  const moveAside = async (c: Candidate, reason: string) => {
    await store.move(c.key, storeKeys.quarantine(store.url, runId, c.attempt, c.name));
    quarantined.push({ key: c.key, reason });
  };
  fs.mkdirSync(dir, { recursive: true });
  for (const c of candidates) {
    // The listing's size is a claim; get() enforces the cap on what it actually reads too.
    if (c.size > MAX_FILE_BYTES) {
      await moveAside(c, `${c.size} bytes, over the ${MAX_FILE_BYTES}-byte limit of a checkpoint`);
      continue;
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await store.get(c.key, MAX_FILE_BYTES);
    } catch (err) {
      if (err instanceof ObjectStoreError && err.code === 'ETOOBIG') {
        await moveAside(c, err.message);
        continue;
      }
      throw err; // the store is unreachable: nothing is known about this object
    }
    if (bytes === null) {
      skipped.push({ key: c.key, reason: 'deleted since it was listed' });
      continue;
    }
    const file = path.join(dir, `${c.attempt}-${c.name}`);
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    let problem: string | null;
    try {
      problem = problemOf(file, runId);
    } catch (err) {
      if (err instanceof UnsupportedCheckpointVersionError) {
        // Intact, from a newer BackTestr (another worker may be one): not ours to move aside.
        fs.rmSync(file, { force: true });
        skipped.push({ key: c.key, reason: err.message });
        continue;
      }
      problem = (err as Error).message;
    }
    if (problem === null)
      return {
        checkpoint: { file, key: c.key, attempt: c.attempt, seq: c.seq, ticks: c.ticks },
        quarantined,
        skipped,
      };
    fs.rmSync(file, { force: true });
    await moveAside(c, problem);
  }
  return { checkpoint: null, quarantined, skipped };
}
