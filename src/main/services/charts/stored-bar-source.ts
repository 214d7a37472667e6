/**
 * A run's recorded bars as a chart source: the chunks (bar_chunks) and, for runs older than them,
 * the legacy row table, whose rows precede any chunk of the same series. Chunks are read from the
 * one holding the requested time outwards, so a window decodes a handful of ~1024-bar chunks.
 */
import type { ChartCandle } from '../../../shared/charts.ts';
import type { Db } from '../db/database.ts';
import {
  chunkExtent,
  chunksFrom,
  chunksUpToNewestFirst,
  type BarSeries,
} from '../runs/bar-store/bar-chunks.ts';
import {
  legacyExtent,
  legacyRowsFrom,
  legacyRowsNewestFirst,
} from '../runs/bar-store/legacy-bars.ts';
import { candleAt, type BarExtent, type BarSource } from './bar-source.ts';

export function storedBarSource(db: Db, s: BarSeries): BarSource {
  return {
    kind: 'stored',
    extent: () => joinExtents(legacyExtent(db, s), chunkExtent(db, s)),
    *newestFirst(hi: number): Generator<ChartCandle> {
      for (const c of chunksUpToNewestFirst(db, s, hi))
        for (let i = c.count - 1; i >= 0; i--)
          if (c.cols[i] <= hi) yield candleAt(c.cols, i, c.count);
      for (const row of legacyRowsNewestFirst(db, s, hi)) yield candleAt(row, 0, 1);
    },
    *oldestFirst(lo: number): Generator<ChartCandle> {
      for (const row of legacyRowsFrom(db, s, lo)) yield candleAt(row, 0, 1);
      for (const c of chunksFrom(db, s, lo))
        for (let i = 0; i < c.count; i++) if (c.cols[i] >= lo) yield candleAt(c.cols, i, c.count);
    },
  };
}

function joinExtents(a: BarExtent | null, b: BarExtent | null): BarExtent | null {
  if (!a || !b) return a ?? b;
  return { first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) };
}

/** Whether the run stored any bar of this series (else the chart rebuilds them from ticks). */
export function hasStoredBars(db: Db, s: BarSeries): boolean {
  return chunkExtent(db, s) !== null || legacyExtent(db, s) !== null;
}
