/**
 * A run's stored bars, whichever table holds them: the row table of old runs (legacy-bars.ts)
 * first, then the chunks (bar-chunks.ts). Every reader and writer outside the recorder goes
 * through these — export, fork, resume truncation, the checkpoint store checks.
 */
import type { Db } from '../../db/database.ts';
import {
  chunksMeeting,
  chunksUpTo,
  copyChunksUpTo,
  truncateChunksAfter,
  type BarSeries,
} from './bar-chunks.ts';
import {
  copyLegacyUpTo,
  countLegacyRows,
  legacyRowsUpTo,
  truncateLegacyAfter,
} from './legacy-bars.ts';

export type { BarSeries } from './bar-chunks.ts';

/**
 * The series' bars with time <= upto, oldest first, each in BarHistory's row layout (time, open,
 * high, low, close, volume, ticks, indicator values). A yielded row is a fresh array.
 */
export function* storedBarRows(db: Db, s: BarSeries, upto = Infinity): Generator<Float64Array> {
  yield* legacyRowsUpTo(db, s, upto);
  for (const c of chunksUpTo(db, s, upto)) {
    for (let i = 0; i < c.count && c.cols[i] <= upto; i++) {
      const row = new Float64Array(c.width);
      for (let k = 0; k < c.width; k++) row[k] = c.cols[k * c.count + i];
      yield row;
    }
  }
}

/** How many of the series' bars have after < time < before. */
export function countBarsBetween(db: Db, s: BarSeries, after: number, before: number): number {
  let n = countLegacyRows(db, s, after + 1, before - 1); // times are whole milliseconds
  for (const c of chunksMeeting(db, s, after, before))
    for (let i = 0; i < c.count; i++) if (c.cols[i] > after && c.cols[i] < before) n++;
  return n;
}

/** Whether the series has a bar at exactly `time`. */
export function barStoredAt(db: Db, s: BarSeries, time: number): boolean {
  return countBarsBetween(db, s, time - 1, time + 1) > 0;
}

/** Deletes the series' bars after `t` (all for null), keeping those up to it, in any table. */
export function truncateBarsAfter(db: Db, s: BarSeries, t: number | null): void {
  truncateLegacyAfter(db, s, t);
  truncateChunksAfter(db, s, t);
}

/** Copies the series' bars up to `t` (none for null) to run `toRunId`. */
export function copyBarsUpTo(db: Db, s: BarSeries, toRunId: string, t: number | null): void {
  copyLegacyUpTo(db, s, toRunId, t);
  copyChunksUpTo(db, s, toRunId, t);
}
