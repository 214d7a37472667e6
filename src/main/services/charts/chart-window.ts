/**
 * Which candles a request gets: those with open time in [from, to], at most maxBars of them,
 * the ones nearest `anchor` when more fall inside; plus `warmup` bars just before the first one,
 * which only feed the indicators so that their values on screen equal what the run saw.
 */
import type { ChartCandle } from '../../../shared/charts.ts';
import type { BarExtent, BarSource } from './bar-source.ts';

export interface WindowRequest {
  from: number | null;
  to: number | null;
  maxBars: number;
  anchor: 'from' | 'to';
  /** Bars before the window the indicators need to warm up (0: none). */
  warmup: number;
}

export interface ChartWindow {
  bars: ChartCandle[];
  /** Oldest first, ending just before bars[0]. */
  warmupBars: ChartCandle[];
  extent: BarExtent | null;
  moreBefore: boolean;
  moreAfter: boolean;
}

export function readWindow(source: BarSource, r: WindowRequest): ChartWindow {
  const extent = source.extent();
  const lo = r.from ?? -Infinity;
  const hi = r.to ?? Infinity;
  let bars: ChartCandle[] = [];
  let warmupBars: ChartCandle[] = [];
  if (extent && lo <= hi) {
    if (r.anchor === 'to') {
      // One backward read: the window's bars, then on past `from` for the warm-up.
      const newest: ChartCandle[] = [];
      const before: ChartCandle[] = [];
      for (const bar of source.newestFirst(hi)) {
        if (bar.time >= lo && newest.length < r.maxBars) newest.push(bar);
        else if (before.length < r.warmup) before.push(bar);
        else break;
      }
      bars = newest.reverse();
      warmupBars = before.reverse();
    } else {
      for (const bar of source.oldestFirst(lo)) {
        if (bar.time > hi || bars.length >= r.maxBars) break;
        bars.push(bar);
      }
      if (bars.length > 0 && r.warmup > 0)
        warmupBars = take(source.newestFirst(bars[0].time - 1), r.warmup).reverse();
    }
  }
  if (bars.length === 0) warmupBars = [];
  return {
    bars,
    warmupBars,
    extent,
    moreBefore: extent !== null && extent.first < (bars.length ? bars[0].time : lo),
    moreAfter: extent !== null && extent.last > (bars.length ? bars[bars.length - 1].time : hi),
  };
}

function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}
