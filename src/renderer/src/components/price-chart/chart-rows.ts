/**
 * The price chart's cache of loaded bars: windows from `charts:bars` merged by bar time, with
 * their indicator values kept on the same rows so a merge can never misalign a value with its
 * candle. Bounded: beyond MAX_CACHED_BARS the bars farthest from where the user looks are dropped
 * (and the side they were dropped from is marked as having more to load).
 */
import type { ChartCandle, ChartData, ChartPlacement } from '../../../../shared/charts.ts';

/** Bars kept in memory at most: a few screens either way of the visible range. */
export const MAX_CACHED_BARS = 20_000;

export interface ChartRow {
  bar: ChartCandle;
  /** Per indicator spec, one value per column (null while warming up). */
  ind: Record<string, (number | null)[]>;
}

export interface ChartCache {
  rows: ChartRow[];
  /** Indicator specs seen, with where they are drawn and their column names. */
  series: Record<string, { placement: ChartPlacement; columns: string[] }>;
  moreBefore: boolean;
  moreAfter: boolean;
  extent: { first: number; last: number } | null;
  errors: string[];
}

export const EMPTY_CACHE: ChartCache = {
  rows: [],
  series: {},
  moreBefore: false,
  moreAfter: false,
  extent: null,
  errors: [],
};

/** The response as rows (indicator values transposed from columns onto their bar). */
export function rowsOf(data: ChartData): ChartRow[] {
  return data.bars.map((bar, i) => {
    const ind: Record<string, (number | null)[]> = {};
    for (const s of data.indicators) ind[s.spec] = s.values.map((col) => col[i] ?? null);
    return { bar, ind };
  });
}

/**
 * Merges a response into the cache. A bar present in both takes the response's version (the
 * newest: a live run's last bar may have grown). `keepNear` (ms) is where the user looks: when
 * over the bound, bars are dropped from the far end.
 */
export function mergeWindow(cache: ChartCache, data: ChartData, keepNear: number): ChartCache {
  const incoming = rowsOf(data);
  const byTime = new Map<number, ChartRow>();
  for (const r of cache.rows) byTime.set(r.bar.time, r);
  for (const r of incoming) {
    const old = byTime.get(r.bar.time);
    byTime.set(r.bar.time, old ? { bar: r.bar, ind: { ...old.ind, ...r.ind } } : r);
  }
  let rows = [...byTime.values()].sort((a, b) => a.bar.time - b.bar.time);
  const first = incoming[0]?.bar.time;
  const last = incoming[incoming.length - 1]?.bar.time;
  const oldFirst = cache.rows[0]?.bar.time;
  const oldLast = cache.rows[cache.rows.length - 1]?.bar.time;
  // The response speaks for the ends it reaches; the cache keeps its word for the others.
  let moreBefore =
    first === undefined || (oldFirst !== undefined && oldFirst < first)
      ? cache.moreBefore
      : data.moreBefore;
  let moreAfter =
    last === undefined || (oldLast !== undefined && oldLast > last)
      ? cache.moreAfter
      : data.moreAfter;
  if (cache.rows.length === 0 && incoming.length === 0) {
    moreBefore = data.moreBefore;
    moreAfter = data.moreAfter;
  }
  if (rows.length > MAX_CACHED_BARS) {
    const trimmed = trimAround(rows, keepNear);
    if (trimmed.start > 0) moreBefore = true;
    if (trimmed.end < rows.length) moreAfter = true;
    rows = rows.slice(trimmed.start, trimmed.end);
  }
  const series = { ...cache.series };
  for (const s of data.indicators) series[s.spec] = { placement: s.placement, columns: s.columns };
  return {
    rows,
    series,
    moreBefore,
    moreAfter,
    extent: data.extent ?? cache.extent,
    errors: data.errors,
  };
}

/** The MAX_CACHED_BARS-long slice of rows centred (as far as it can be) on `time`. */
export function trimAround(rows: ChartRow[], time: number): { start: number; end: number } {
  const centre = indexAtOrBefore(rows, time);
  const half = Math.floor(MAX_CACHED_BARS / 2);
  const start = Math.max(0, Math.min(rows.length - MAX_CACHED_BARS, centre - half));
  return { start, end: start + MAX_CACHED_BARS };
}

/** Index of the last row whose bar opens at or before `time` (0 when none does). */
export function indexAtOrBefore(rows: { bar: { time: number } }[], time: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].bar.time <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
