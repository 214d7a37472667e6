/**
 * Savepoints (`backtestr checkpoints export RUN_ID [SEQ] --out FILE`): the checkpoint a user
 * moves to another machine. A checkpoint is cheap and local — its histories and output live in
 * this data folder's bar store and tables. A savepoint is self-contained: histories embedded,
 * and the run's committed output up to the checkpoint carried as pending rows with zero
 * watermarks, so `resume --checkpoint FILE` anywhere holding the same ticks recreates the run
 * and finishes it exactly as it would have finished here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodePlain } from '../../engine/persist/plain-codec.ts';
import type { Db } from '../db/database.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { getRun } from '../runs/run-store.ts';
import { encodeBtck } from './btck/btck-codec.ts';
import { CorruptCheckpointError } from './btck/errors.ts';
import { parseCheckpointFileName } from './btck/file-name.ts';
import { MAX_PAYLOAD_BYTES } from './btck/limits.ts';
import { fsyncDirectory, quarantine, renameIntoPlace, writeTempFile } from './btck/durable-file.ts';
import { CHECKPOINT_FORMAT_VERSION, type CheckpointData } from './checkpoint-data.ts';
import { readCheckpointFile } from './checkpoint-reader.ts';
import { checkpointsDir } from './checkpoint-store.ts';
import { storeCheckProblems } from './content/store-checks.ts';
import { CheckpointContentError } from './content/validate-checkpoint.ts';
import { allOutputRows } from './savepoint-rows.ts';

export interface SavepointRequest {
  runId: string;
  /** The checkpoint to export; default the newest that passes every check. */
  seq?: number;
  out: string;
  /** Replace an existing `out`. */
  force?: boolean;
}

export interface SavepointSummary {
  file: string;
  runId: string;
  seq: number;
  ticks: number;
  bytes: number;
  rows: { bars: number; trades: number; equity: number; rejections: number };
  /** Newer checkpoints passed over because they failed a check (not touched). */
  skipped: string[];
}

/** The run's checkpoint files, newest first (or only `seq`). */
function candidates(dataDir: string, runId: string, seq?: number): string[] {
  const dir = checkpointsDir(dataDir, runId);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return names
    .map((n) => ({ n, p: parseCheckpointFileName(n) }))
    .filter((f) => f.p !== null && (seq === undefined || f.p.seq === seq))
    .sort((a, b) => b.p!.seq - a.p!.seq)
    .map((f) => path.join(dir, f.n));
}

/**
 * A checkpoint file of `run` that passes every check a resume makes, with its histories in
 * place: what a savepoint is made of (here, and by the checkpoint mirror after each write).
 */
export function restorableCheckpoint(db: Db, file: string, run: RunRecord): CheckpointData {
  const { data } = readCheckpointFile(file);
  const store = storeCheckProblems(db, data, run);
  if (store.problems.length > 0) throw new CheckpointContentError(store.problems, file);
  if (store.ticksChanged.length > 0)
    throw new Error(
      `the stored ticks of ${store.ticksChanged.join(', ')} changed since checkpoint ${data.seq}: a savepoint of it would not resume anywhere`,
    );
  if (store.restorable === null)
    throw new Error(`checkpoint ${file}: its bar histories are not in this data folder`);
  return store.restorable;
}

/** The checkpoint as a savepoint: every check passed, histories in place, all output pending. */
function pickRestorable(db: Db, dataDir: string, req: SavepointRequest) {
  const run = getRun(db, req.runId);
  if (!run) throw new Error(`no run '${req.runId}' (backtestr runs list shows the runs)`);
  const files = candidates(dataDir, req.runId, req.seq);
  if (files.length === 0)
    throw new Error(
      req.seq === undefined
        ? `run ${req.runId} has no checkpoint to export`
        : `run ${req.runId} has no checkpoint ${req.seq} (backtestr checkpoints list ${req.runId})`,
    );
  const skipped: string[] = [];
  for (const file of files) {
    try {
      return { data: restorableCheckpoint(db, file, run), skipped };
    } catch (err) {
      // Named: say what is wrong. Newest: pass over a damaged file, as resume would.
      if (req.seq !== undefined || !(err instanceof CorruptCheckpointError)) throw err;
      skipped.push(`${file}: ${(err as Error).message}`);
    }
  }
  throw new Error(`run ${req.runId} has no intact checkpoint to export (${skipped.join('; ')})`);
}

/** The self-contained form of a checkpoint whose histories are in place. */
export function savepointOf(db: Db, d: CheckpointData): CheckpointData {
  const { symbols, timeframes } = d.config;
  return {
    ...d,
    history: 'embedded',
    watermarks: {
      bars: symbols.map(() => timeframes.map(() => null)),
      tradeSeq: 0,
      equityTime: null,
      rejectionSeq: 0,
    },
    pending: allOutputRows(db, d),
    meta: { ...d.meta, trigger: 'savepoint' },
  };
}

/** A savepoint's BTCK file bytes; refuses one over the reader's cap, which could never resume. */
export function encodeSavepoint(savepoint: CheckpointData): Uint8Array {
  const payload = encodePlain(savepoint);
  if (payload.length > MAX_PAYLOAD_BYTES)
    throw new Error(
      `a savepoint of run ${savepoint.runId} at checkpoint ${savepoint.seq} would be ${payload.length} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit of a checkpoint`,
    );
  return encodeBtck(payload, { version: CHECKPOINT_FORMAT_VERSION, createdAt: Date.now() });
}

/**
 * Writes the savepoint atomically (temp file, fsync, rename, fsync the directory; mode 0600) and
 * reads it back with every check a resume makes, so a file that would not resume is never left
 * under the name asked for.
 */
export async function exportSavepoint(
  db: Db,
  dataDir: string,
  req: SavepointRequest,
): Promise<SavepointSummary> {
  const out = path.resolve(req.out);
  if (!req.force && fs.existsSync(out))
    throw new Error(`${out} already exists; pass --force to replace it`);
  const { data, skipped } = pickRestorable(db, dataDir, req);
  const savepoint = savepointOf(db, data);
  const bytes = encodeSavepoint(savepoint);
  const dir = path.dirname(out);
  const tmp = await writeTempFile(dir, path.basename(out), bytes);
  await renameIntoPlace(tmp, out);
  await fsyncDirectory(dir);
  try {
    readCheckpointFile(out);
  } catch (err) {
    quarantine(out);
    throw err;
  }
  const p = savepoint.pending;
  return {
    file: out,
    runId: data.runId,
    seq: data.seq,
    ticks: data.ticks,
    bytes: bytes.length,
    rows: {
      bars: p.bars.length,
      trades: p.trades.length,
      equity: p.equity.length,
      rejections: p.rejections.length,
    },
    skipped,
  };
}
