/**
 * Which window of bars to ask `charts:bars` for: the newest screenful at first, the next page
 * toward a gap when the visible range nears an end of what is loaded, or a window around a trade
 * the user clicked. Also the request ids that let a late, stale answer be ignored.
 */
import type { ChartBarsArgs } from '../../../../shared/charts.ts';

/** Bars per request: a few wide screens, far below the 20 000 a request may return. */
export const PAGE_BARS = 1500;
/** Fetch the next page when the visible range is within this many bars of a loaded end. */
export const EDGE_BARS = 200;

/**
 * Bar lengths (ms) of the run's timeframes. The engine has the same table, but the renderer may
 * not import the engine; W1 only needs to be roughly right here (it sizes a window, not a bar).
 */
export const TIMEFRAME_MS: Record<string, number> = {
  M1: 60_000,
  M5: 300_000,
  M15: 900_000,
  M30: 1_800_000,
  H1: 3_600_000,
  H4: 14_400_000,
  D1: 86_400_000,
  W1: 604_800_000,
};

export type Window = Pick<ChartBarsArgs, 'from' | 'to' | 'anchor' | 'maxBars'>;

export function newestWindow(): Window {
  return { from: null, to: null, anchor: 'to', maxBars: PAGE_BARS };
}

/** A page centred on [start, end] (a trade's entry and exit), in bars of `timeframe`. */
export function windowAround(start: number, end: number, timeframe: string): Window {
  const bar = TIMEFRAME_MS[timeframe] ?? 60_000;
  const middle = (start + end) / 2;
  return {
    from: Math.floor(middle - (bar * PAGE_BARS) / 2),
    to: null,
    anchor: 'from',
    maxBars: PAGE_BARS,
  };
}

/** The page just before `firstTime` (the oldest loaded bar), nearest it. */
export function windowBefore(firstTime: number): Window {
  return { from: null, to: firstTime - 1, anchor: 'to', maxBars: PAGE_BARS };
}

/** The page just after `lastTime` (the newest loaded bar), nearest it. */
export function windowAfter(lastTime: number): Window {
  return { from: lastTime + 1, to: null, anchor: 'from', maxBars: PAGE_BARS };
}

/**
 * Which end needs loading for a visible logical range (bar indices into the loaded bars; they run
 * past 0 or the count when the user scrolls into empty space), or null when neither.
 */
export function edgeToLoad(
  visible: { from: number; to: number },
  barCount: number,
  more: { before: boolean; after: boolean },
): 'before' | 'after' | null {
  if (barCount === 0) return null;
  if (more.before && visible.from < EDGE_BARS) return 'before';
  if (more.after && visible.to > barCount - 1 - EDGE_BARS) return 'after';
  return null;
}

/**
 * Hands out increasing request ids; only the newest one of a key is current. An answer whose id
 * is no longer current is stale (the user moved on, or the symbol changed) and is dropped.
 */
export function requestGate() {
  let last = 0;
  return {
    next: (): number => ++last,
    isCurrent: (id: number): boolean => id === last,
    invalidate: (): void => {
      last++;
    },
  };
}
