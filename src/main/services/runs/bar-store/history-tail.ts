import type { Db } from '../../db/database.ts';

/** Columns before the indicator values in a history row (BarHistory's layout). */
const BASE = 7;

/**
 * The last `n` stored bars of one (symbol, timeframe) of a run with time <= `upto` (none when
 * `upto` is null: nothing was committed), oldest → newest, row-major in BarHistory's layout:
 * time, open, high, low, close, volume, ticks, then `width - 7` indicator values. A 'store'
 * checkpoint's restore fills each history with these, so values must come back bit for bit:
 * the prices are REAL columns (float64 in SQLite) and the indicator values the raw float64
 * bytes the recorder wrote, NaN payloads included.
 * Throws when a stored row's indicator blob does not hold `width - 7` values.
 */
export function readHistoryTail(
  db: Db,
  runId: string,
  symbol: string,
  timeframe: string,
  upto: number | null,
  n: number,
  width: number,
): Float64Array {
  if (upto === null || n <= 0) return new Float64Array(0);
  // Newest first with LIMIT: the primary key (run_id, symbol, timeframe, time) walks backwards
  // from `upto` and stops after n rows, whatever the run's length.
  // Raw rows (arrays, not objects): this runs on every resume, n rows per history.
  const rows = db
    .prepare(
      `SELECT time, open, high, low, close, volume, ticks, indicators FROM bars
       WHERE run_id = ? AND symbol = ? AND timeframe = ? AND time <= ?
       ORDER BY time DESC LIMIT ?`,
    )
    .raw()
    .all(runId, symbol, timeframe, upto, n) as unknown[][];
  const out = new Float64Array(rows.length * width);
  const values = width - BASE;
  // One aligned scratch buffer: a Buffer from SQLite need not be 8-byte aligned.
  const scratch = new Uint8Array(values * 8);
  const asFloats = new Float64Array(scratch.buffer);
  rows.forEach((r, i) => {
    const o = (rows.length - 1 - i) * width;
    for (let c = 0; c < BASE; c++) out[o + c] = r[c] as number;
    const blob = r[BASE] as Uint8Array;
    if (blob.byteLength < values * 8)
      throw new Error(
        `bar ${symbol} ${timeframe} at ${r[0]} of run ${runId}: ${blob.byteLength} bytes of indicator values, the history needs ${values * 8}`,
      );
    scratch.set(blob.subarray(0, values * 8));
    out.set(asFloats, o + BASE);
  });
  return out;
}
