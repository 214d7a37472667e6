/**
 * The bar_chunks table (migrations 6 and 8): writing, reading, cutting and copying one (run, symbol,
 * timeframe)'s chunks. Chunks of one series never overlap in time and are read in first_time
 * order, so the bars come back in the order they closed.
 */
import type { Db } from '../../db/database.ts';
import {
  countUpTo,
  decodeBarChunk,
  encodeBarChunk,
  sliceBars,
  type BarColumns,
} from './bar-chunk-codec.ts';

/** One series of a run: bars of one symbol and timeframe. */
export interface BarSeries {
  runId: string;
  symbol: string;
  timeframe: string;
}

interface ChunkRow {
  firstTime: number;
  count: number;
  data: Buffer;
}

const COLUMNS = 'first_time AS firstTime, count, data';
const SERIES = 'run_id = ? AND symbol = ? AND timeframe = ?';

export function insertBarChunk(db: Db, s: BarSeries, bars: BarColumns): void {
  if (bars.count === 0) return;
  const last = bars.cols[bars.count - 1];
  db.prepare(
    `INSERT INTO bar_chunks (run_id, symbol, timeframe, first_time, last_time, count, data)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.runId, s.symbol, s.timeframe, bars.cols[0], last, bars.count, encodeBarChunk(bars));
}

/**
 * Inserts a piece unless a stored chunk already covers its bars: the full chunk that replaces the
 * pieces can be committed (engine thread) before a piece handed to the checkpoint writer is.
 */
export function insertPieceUnlessCovered(db: Db, s: BarSeries, bars: BarColumns): void {
  if (bars.count === 0) return;
  const covered = db
    .prepare(`SELECT 1 FROM bar_chunks WHERE ${SERIES} AND first_time <= ? AND last_time >= ?`)
    .get(s.runId, s.symbol, s.timeframe, bars.cols[0], bars.cols[bars.count - 1]);
  if (!covered) insertBarChunk(db, s, bars);
}

/** Writes a full chunk in place of the pieces of it committed before (BarBuffer). */
export function replacePieces(db: Db, s: BarSeries, bars: BarColumns): void {
  db.prepare(`DELETE FROM bar_chunks WHERE ${SERIES} AND first_time >= ? AND first_time <= ?`).run(
    s.runId,
    s.symbol,
    s.timeframe,
    bars.cols[0],
    bars.cols[bars.count - 1],
  );
  insertBarChunk(db, s, bars);
}

/** The series' chunks that start at or before `upto`, oldest first, decoded one at a time. */
export function* chunksUpTo(db: Db, s: BarSeries, upto = Infinity): Generator<BarColumns> {
  const sql = `SELECT ${COLUMNS} FROM bar_chunks WHERE ${SERIES} AND first_time <= ? ORDER BY first_time`;
  const rows = db.prepare(sql).iterate(s.runId, s.symbol, s.timeframe, clampTime(upto));
  for (const r of rows as Iterable<ChunkRow>) yield decodeBarChunk(r.data, r.count);
}

/** The same chunks newest first (for a history tail, which wants only the last few). */
export function* chunksUpToNewestFirst(db: Db, s: BarSeries, upto: number): Generator<BarColumns> {
  const sql = `SELECT ${COLUMNS} FROM bar_chunks WHERE ${SERIES} AND first_time <= ? ORDER BY first_time DESC`;
  const rows = db.prepare(sql).iterate(s.runId, s.symbol, s.timeframe, clampTime(upto));
  for (const r of rows as Iterable<ChunkRow>) yield decodeBarChunk(r.data, r.count);
}

/** Chunks whose time range meets [lo, hi] (the bars still need filtering by time). */
export function* chunksMeeting(
  db: Db,
  s: BarSeries,
  lo: number,
  hi: number,
): Generator<BarColumns> {
  const sql = `SELECT ${COLUMNS} FROM bar_chunks WHERE ${SERIES} AND first_time <= ? AND last_time >= ?
               ORDER BY first_time`;
  const rows = db
    .prepare(sql)
    .iterate(s.runId, s.symbol, s.timeframe, clampTime(hi), clampTime(lo));
  for (const r of rows as Iterable<ChunkRow>) yield decodeBarChunk(r.data, r.count);
}

/**
 * Deletes the series' bars after `t` (all of them for null). A chunk straddling `t` is cut and
 * written back with its bars up to `t`: they were committed before the watermark and stay.
 */
export function truncateChunksAfter(db: Db, s: BarSeries, t: number | null): void {
  const mark = t ?? -Infinity;
  const straddling = [...chunksMeeting(db, s, mark, mark)].filter(
    (c) => c.cols[0] <= mark && c.cols[c.count - 1] > mark,
  );
  db.prepare(`DELETE FROM bar_chunks WHERE ${SERIES} AND last_time > ?`).run(
    s.runId,
    s.symbol,
    s.timeframe,
    clampTime(mark),
  );
  for (const c of straddling) insertBarChunk(db, s, sliceBars(c, 0, countUpTo(c, mark)));
}

/** Copies the series' bars up to `t` (none for null) to run `toRunId`; cuts a straddling chunk. */
export function copyChunksUpTo(db: Db, s: BarSeries, toRunId: string, t: number | null): void {
  if (t === null) return;
  db.prepare(
    `INSERT INTO bar_chunks SELECT ?, symbol, timeframe, first_time, last_time, count, data
     FROM bar_chunks WHERE ${SERIES} AND last_time <= ?`,
  ).run(toRunId, s.runId, s.symbol, s.timeframe, t);
  const to = { ...s, runId: toRunId };
  // Read them all first: better-sqlite3 cannot write while a statement is still iterating.
  for (const c of [...chunksMeeting(db, s, t, t)])
    if (c.cols[0] <= t && c.cols[c.count - 1] > t)
      insertBarChunk(db, to, sliceBars(c, 0, countUpTo(c, t)));
}

/** SQLite binds ±Infinity as REAL, which compares fine with INTEGER times; kept for clarity. */
function clampTime(t: number): number {
  return Math.max(-8.64e15, Math.min(8.64e15, t));
}

/** The series' chunks that end at or after `from`, oldest first (a chart window read forwards). */
export function* chunksFrom(db: Db, s: BarSeries, from: number): Generator<BarColumns> {
  // Seek with the key (first_time) to the chunk holding `from`: no scan of the older chunks.
  const start = `SELECT MAX(first_time) FROM bar_chunks WHERE ${SERIES} AND first_time <= ?`;
  const sql = `SELECT ${COLUMNS} FROM bar_chunks WHERE ${SERIES}
               AND first_time >= COALESCE((${start}), -8.64e15) ORDER BY first_time`;
  const series = [s.runId, s.symbol, s.timeframe];
  const rows = db.prepare(sql).iterate(...series, ...series, clampTime(from));
  for (const r of rows as Iterable<ChunkRow>) yield decodeBarChunk(r.data, r.count);
}

/** Open times of the series' first and last chunked bar; null when it has no chunk. */
export function chunkExtent(db: Db, s: BarSeries): { first: number; last: number } | null {
  const row = db
    .prepare(
      `SELECT MIN(first_time) AS first, MAX(last_time) AS last FROM bar_chunks WHERE ${SERIES}`,
    )
    .get(s.runId, s.symbol, s.timeframe) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}
