/**
 * Bars of one symbol and timeframe rebuilt from a span of ticks by the run's own bar builder
 * (MtfEngine), so they are the bars the run would have recorded. A span starts and ends on bucket
 * boundaries, so every bar in it gets all its ticks; its last bar is closed only when the run
 * closed it (a later tick was consumed, or the run completed).
 */
import type { ChartCandle } from '../../../shared/charts.ts';
import type { Bar, PriceSource } from '../../engine/mtf/bar.ts';
import { MtfEngine } from '../../engine/mtf/mtf-engine.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { Db } from '../db/database.ts';
import { openTickSource, type SymbolInfo } from '../ticks/tick-store.ts';

export interface TickSpan {
  /** Ticks with from <= ts < to. */
  from: number;
  to: number;
  /** Close the last open bar at the end (the run did). */
  closeLast: boolean;
}

export function barsFromTicks(
  db: Db,
  info: SymbolInfo,
  timeframe: Timeframe,
  price: PriceSource,
  span: TickSpan,
): ChartCandle[] {
  const bars: ChartCandle[] = [];
  const config = {
    symbols: [info.name],
    timeframes: [timeframe],
    indicators: [],
    price,
    historySize: 1,
  };
  const engine = new MtfEngine(config, {
    onBarClosed: (_s: number, _k: number, b: Bar) =>
      bars.push({
        time: b.time,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: b.volume,
      }),
  });
  if (span.to <= span.from) return bars;
  const source = openTickSource(db, info, { from: bound(span.from), to: bound(span.to) });
  for (let b = source.next(); b !== null; b = source.next()) engine.processRange(0, b, 0, b.length);
  if (span.closeLast) engine.finish();
  return bars;
}

/** Times of the first and last tick with from <= ts < to; null when there is none. */
export function tickBounds(
  db: Db,
  info: SymbolInfo,
  from: number,
  to: number,
): { first: number; last: number } | null {
  const range = { from: bound(from), to: bound(to) };
  const head = openTickSource(db, info, range).next();
  if (head === null) return null;
  const first = head.ts[0];
  // The last tick: read only from the newest chunk that meets the range.
  const newest = db
    .prepare(
      `SELECT MAX(first_ts) FROM tick_chunks WHERE symbol_id = ? AND first_ts < ? AND last_ts >= ?`,
    )
    .pluck()
    .get(info.id, Math.min(to, 8.64e15), Math.max(from, -8.64e15)) as number;
  const tail = openTickSource(db, info, { from: Math.max(from, newest), to: range.to });
  let last = first;
  for (let b = tail.next(); b !== null; b = tail.next()) last = b.ts[b.length - 1];
  return { first, last };
}

const bound = (t: number): number | undefined => (Number.isFinite(t) ? t : undefined);
