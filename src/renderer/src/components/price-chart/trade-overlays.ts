/**
 * Trades drawn on the price chart, as plain data (no canvas): an entry marker (arrow up for a
 * long, down for a short, labelled with its lots) and an exit marker (circle coloured by the sign
 * of its net P&L) per trade of the shown symbol, and its stop-loss / take-profit as short
 * horizontal segments from entry to exit. Times are snapped to the bar that contains them, since
 * the chart places a marker on a bar.
 */
import type { TradeDto } from '../../../../shared/dto.ts';
import { formatLots } from '../../../../shared/report-format.ts';

export interface TradeMarker {
  tradeId: number;
  kind: 'entry' | 'exit';
  /** Bar open time (ms) the marker sits on. */
  time: number;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  tone: 'long' | 'short' | 'win' | 'loss';
  text: string;
}

/** A point of a segment line; value null is a gap (whitespace) that ends the previous segment. */
export interface SegmentPoint {
  time: number;
  value: number | null;
}

export function tradesOf(trades: TradeDto[], symbol: string): TradeDto[] {
  return trades.filter((t) => t.symbol === symbol);
}

/** Index of the last of the sorted `times` at or before `time` (-1 when none). */
export function lastAtOrBefore(times: number[], time: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Open time of the loaded bar containing `time`, or null when it lies outside the loaded bars. */
export function snap(times: number[], time: number, barMs: number): number | null {
  if (times.length === 0 || time >= times[times.length - 1] + barMs) return null;
  const i = lastAtOrBefore(times, time);
  return i < 0 ? null : times[i];
}

/** Markers of the symbol's trades that fall on loaded bars, in time order (the chart needs it). */
export function tradeMarkers(
  trades: TradeDto[],
  symbol: string,
  times: number[],
  barMs: number,
): TradeMarker[] {
  const out: TradeMarker[] = [];
  for (const t of tradesOf(trades, symbol)) {
    const entry = snap(times, t.entryTime, barMs);
    if (entry !== null) {
      const long = t.side === 'long';
      out.push({
        tradeId: t.id,
        kind: 'entry',
        time: entry,
        position: long ? 'belowBar' : 'aboveBar',
        shape: long ? 'arrowUp' : 'arrowDown',
        tone: long ? 'long' : 'short',
        text: formatLots(t.lots),
      });
    }
    const exit = snap(times, t.exitTime, barMs);
    if (exit !== null) {
      out.push({
        tradeId: t.id,
        kind: 'exit',
        time: exit,
        position: t.side === 'long' ? 'aboveBar' : 'belowBar',
        shape: 'circle',
        tone: t.netPnl >= 0 ? 'win' : 'loss',
        text: '',
      });
    }
  }
  return out.sort((a, b) => a.time - b.time || a.tradeId - b.tradeId);
}

/**
 * One line's points for the trades' `level` (stopLoss or takeProfit): a flat segment from the
 * entry bar to the exit bar, then a gap at the next bar. Times must strictly increase, so a trade
 * overlapping the previous segment is left out (hedged trades are rare; the list still has it).
 */
export function levelSegments(
  trades: TradeDto[],
  symbol: string,
  level: 'stopLoss' | 'takeProfit',
  times: number[],
  barMs: number,
): SegmentPoint[] {
  const out: SegmentPoint[] = [];
  const sorted = tradesOf(trades, symbol).sort((a, b) => a.entryTime - b.entryTime);
  for (const t of sorted) {
    const value = t[level];
    if (value === null) continue;
    const from = snap(times, t.entryTime, barMs);
    const to = snap(times, t.exitTime, barMs);
    if (from === null || to === null) continue;
    const last = out[out.length - 1];
    if (last && last.time >= from) continue;
    out.push({ time: from, value });
    if (to > from) out.push({ time: to, value });
    // The gap sits on the next loaded bar: a time of its own would add an empty slot to the axis.
    const next = times[lastAtOrBefore(times, to) + 1];
    if (next !== undefined) out.push({ time: next, value: null });
  }
  return out;
}
