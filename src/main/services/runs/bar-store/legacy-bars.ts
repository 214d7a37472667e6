/**
 * The `bars` row table of migration 2: where runs recorded before bar chunks (migration 6) keep
 * their bars. Nothing new is written here; these functions read, cut and copy such runs, so an
 * old data folder keeps exporting the same files and resuming. Its rows precede any chunk of the
 * same series (a resumed old run writes chunks only after its watermark).
 */
import type { Bar } from '../../../engine/mtf/bar.ts';
import type { Db } from '../../db/database.ts';
import type { BarSeries } from './bar-chunks.ts';

const SERIES = 'run_id = ? AND symbol = ? AND timeframe = ?';
const ROW = 'time, open, high, low, close, volume, ticks, indicators';

/** A row of the `bars` table: a closed bar and its indicator values as a float64 BLOB. */
interface LegacyRow extends Bar {
  indicators: Buffer;
}

/** A row in BarHistory's layout: the 7 bar columns, then the indicator values (float64 BLOB). */
function toValues(r: LegacyRow): Float64Array {
  const out = new Float64Array(7 + r.indicators.length / 8);
  out[0] = r.time;
  out[1] = r.open;
  out[2] = r.high;
  out[3] = r.low;
  out[4] = r.close;
  out[5] = r.volume;
  out[6] = r.ticks;
  // Copy the bytes: a Buffer's offset need not be a multiple of 8.
  new Uint8Array(out.buffer, 56).set(r.indicators);
  return out;
}

/** The series' rows with time <= upto, oldest first. */
export function* legacyRowsUpTo(db: Db, s: BarSeries, upto = Infinity): Generator<Float64Array> {
  const sql = `SELECT ${ROW} FROM bars WHERE ${SERIES} AND time <= ? ORDER BY time`;
  const rows = db.prepare(sql).iterate(s.runId, s.symbol, s.timeframe, Math.min(upto, 8.64e15));
  for (const r of rows as Iterable<LegacyRow>) yield toValues(r);
}

/** The last `n` rows with time <= upto, newest first. */
export function legacyTail(db: Db, s: BarSeries, upto: number, n: number): Float64Array[] {
  const sql = `SELECT ${ROW} FROM bars WHERE ${SERIES} AND time <= ? ORDER BY time DESC LIMIT ?`;
  const rows = db.prepare(sql).all(s.runId, s.symbol, s.timeframe, upto, n) as LegacyRow[];
  return rows.map(toValues);
}

/** How many rows lie in [lo, hi]. */
export function countLegacyRows(db: Db, s: BarSeries, lo: number, hi: number): number {
  const sql = `SELECT COUNT(*) FROM bars WHERE ${SERIES} AND time >= ? AND time <= ?`;
  return db
    .prepare(sql)
    .pluck()
    .get(s.runId, s.symbol, s.timeframe, Math.max(lo, -8.64e15), Math.min(hi, 8.64e15)) as number;
}

export function truncateLegacyAfter(db: Db, s: BarSeries, t: number | null): void {
  const sql = `DELETE FROM bars WHERE ${SERIES} AND time > ?`;
  db.prepare(sql).run(s.runId, s.symbol, s.timeframe, t ?? -8.64e15);
}

export function copyLegacyUpTo(db: Db, s: BarSeries, toRunId: string, t: number | null): void {
  if (t === null) return;
  db.prepare(
    `INSERT INTO bars SELECT ?, symbol, timeframe, ${ROW} FROM bars WHERE ${SERIES} AND time <= ?`,
  ).run(toRunId, s.runId, s.symbol, s.timeframe, t);
}

/** The series' rows with time <= upto, newest first, read lazily (a chart window read backwards). */
export function* legacyRowsNewestFirst(
  db: Db,
  s: BarSeries,
  upto: number,
): Generator<Float64Array> {
  const sql = `SELECT ${ROW} FROM bars WHERE ${SERIES} AND time <= ? ORDER BY time DESC`;
  const rows = db.prepare(sql).iterate(s.runId, s.symbol, s.timeframe, Math.min(upto, 8.64e15));
  for (const r of rows as Iterable<LegacyRow>) yield toValues(r);
}

/** The series' rows with time >= from, oldest first, read lazily. */
export function* legacyRowsFrom(db: Db, s: BarSeries, from: number): Generator<Float64Array> {
  const sql = `SELECT ${ROW} FROM bars WHERE ${SERIES} AND time >= ? ORDER BY time`;
  const rows = db.prepare(sql).iterate(s.runId, s.symbol, s.timeframe, Math.max(from, -8.64e15));
  for (const r of rows as Iterable<LegacyRow>) yield toValues(r);
}

/** Open times of the series' first and last row; null when it has none. */
export function legacyExtent(db: Db, s: BarSeries): { first: number; last: number } | null {
  const row = db
    .prepare(`SELECT MIN(time) AS first, MAX(time) AS last FROM bars WHERE ${SERIES}`)
    .get(s.runId, s.symbol, s.timeframe) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}
