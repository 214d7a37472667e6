/**
 * What a resumed run reads back into each BarHistory when its checkpoint left the rows in the bar
 * store (decision D of issue 9): the last bars up to the checkpoint's watermark, bit for bit.
 */
import type { Db } from '../../db/database.ts';
import { chunksUpToNewestFirst } from './bar-chunks.ts';
import { legacyTail } from './legacy-bars.ts';

/** The store holds bars of another shape than the history expects: not this run's bars. */
export class HistoryWidthError extends Error {
  constructor(symbol: string, timeframe: string, stored: number, expected: number) {
    super(`stored ${symbol} ${timeframe} bars have ${stored} columns, the history ${expected}`);
    this.name = 'HistoryWidthError';
  }
}

/**
 * The last `n` bars of (runId, symbol, timeframe) with time <= upto (none when upto is null),
 * oldest → newest, row-major in BarHistory's layout: time, open, high, low, close, volume,
 * ticks, then `width - 7` indicator values. Fewer than n rows when fewer are stored.
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
  const s = { runId, symbol, timeframe };
  // Newest first, then reversed: a tail needs only the newest chunks, never the whole series.
  const parts: Float64Array[] = [];
  let got = 0;
  for (const c of chunksUpToNewestFirst(db, s, upto)) {
    if (c.width !== width) throw new HistoryWidthError(symbol, timeframe, c.width, width);
    let end = c.count;
    while (end > 0 && c.cols[end - 1] > upto) end--;
    const take = Math.min(end, n - got);
    const rows = new Float64Array(take * width);
    for (let i = 0; i < take; i++) {
      const bar = end - take + i;
      for (let k = 0; k < width; k++) rows[i * width + k] = c.cols[k * c.count + bar];
    }
    parts.push(rows);
    got += take;
    if (got >= n) break;
  }
  if (got < n) {
    const older = legacyTail(db, s, upto, n - got).reverse();
    for (const r of older)
      if (r.length !== width) throw new HistoryWidthError(symbol, timeframe, r.length, width);
    if (older.length) parts.push(concatRows(older));
    got += older.length;
  }
  return concatRows(parts.reverse());
}

function concatRows(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
