/**
 * The run_tallies table (migration 6): running statistics of runs that do not store their trades
 * or equity, so statistics cannot be recomputed from rows. One snapshot per commit, keyed by the
 * watermarks it matches: resume restores the one at its checkpoint's watermarks and drops later
 * ones, exactly as it drops later rows.
 */
import type { Db } from '../db/database.ts';

/** equity_time of a snapshot taken before the first equity sample. */
const NO_SAMPLE = -8.64e15;

export interface TallyKey {
  runId: string;
  tradeSeq: number;
  equityTime: number | null;
}

export function saveTally(db: Db, k: TallyKey, state: Float64Array): void {
  db.prepare(
    'INSERT OR REPLACE INTO run_tallies (run_id, trade_seq, equity_time, state) VALUES (?, ?, ?, ?)',
  ).run(
    k.runId,
    k.tradeSeq,
    k.equityTime ?? NO_SAMPLE,
    Buffer.from(state.buffer, state.byteOffset, state.byteLength),
  );
}

/** The snapshot at exactly these watermarks, or null. */
export function loadTally(db: Db, k: TallyKey): Float64Array | null {
  const blob = db
    .prepare('SELECT state FROM run_tallies WHERE run_id = ? AND trade_seq = ? AND equity_time = ?')
    .pluck()
    .get(k.runId, k.tradeSeq, k.equityTime ?? NO_SAMPLE) as Buffer | undefined;
  if (blob === undefined || blob.length % 8 !== 0) return null;
  const out = new Float64Array(blob.length / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** Drops the snapshots taken after these watermarks (a crashed session's). */
export function truncateTalliesAfter(db: Db, k: TallyKey): void {
  db.prepare('DELETE FROM run_tallies WHERE run_id = ? AND (trade_seq > ? OR equity_time > ?)').run(
    k.runId,
    k.tradeSeq,
    k.equityTime ?? NO_SAMPLE,
  );
}

/** Copies the snapshot at these watermarks to run `toRunId` (a fork starts from it). */
export function copyTally(db: Db, k: TallyKey, toRunId: string): void {
  db.prepare(
    `INSERT INTO run_tallies SELECT ?, trade_seq, equity_time, state FROM run_tallies
     WHERE run_id = ? AND trade_seq = ? AND equity_time = ?`,
  ).run(toRunId, k.runId, k.tradeSeq, k.equityTime ?? NO_SAMPLE);
}
