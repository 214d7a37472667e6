/**
 * Bars rebuilt from the ticks of a run that recorded none, a block at a time: a block is the
 * ticks of BLOCK_BARS buckets (its bounds are bucket boundaries, so each bar gets all its ticks),
 * and a window reads the blocks from the requested time outwards — a 2 000-bar window of a year
 * of M1 rebuilds a few days of ticks, not the year. Blocks are kept in a small LRU: panning
 * asks for neighbouring windows again and again. Bars past the run's progress never appear
 * (run-tick-limit.ts): the key holds the limit, so a run that advanced rebuilds its newest block.
 */
import type { ChartCandle } from '../../../shared/charts.ts';
import { TIMEFRAME_MS, timeframeOffset, type Timeframe } from '../../engine/mtf/timeframes.ts';
import type { Db } from '../db/database.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { countTicks, readSymbol, type SymbolInfo } from '../ticks/tick-store.ts';
import type { BarSource } from './bar-source.ts';
import { runTickLimit } from './run-tick-limit.ts';
import { barsFromTicks, tickBounds } from './tick-bars.ts';

const BLOCK_BARS = 1024;
const CACHED_BLOCKS = 48;

export class RebuiltBarsCache {
  readonly #blocks = new Map<string, ChartCandle[]>();

  source(db: Db, run: RunRecord, symbol: string, timeframe: Timeframe): BarSource {
    const infos = run.config.symbols.map((name) => {
      const info = readSymbol(db, name);
      if (!info)
        throw new Error(`run '${run.id}': symbol '${name}' has no ticks to rebuild bars from`);
      return info;
    });
    const info = infos[run.config.symbols.indexOf(symbol)];
    const limit = runTickLimit(db, run, infos);
    const runFrom = run.config.from ?? -Infinity;
    const ticks = tickBounds(db, info, runFrom, limit.to);
    const span = BLOCK_BARS * TIMEFRAME_MS[timeframe];
    const offset = timeframeOffset(timeframe);
    const blockOf = (t: number): number => Math.floor((t - offset) / span) * span + offset;
    const block = (start: number): ChartCandle[] => {
      const key = [run.id, symbol, timeframe, start, limit.to, limit.finished].join('\u0000');
      let bars = this.#blocks.get(key);
      this.#blocks.delete(key);
      if (!bars) {
        const end = start + span;
        // Its last bar closed in the run if a later tick was consumed, or the run completed.
        const closeLast =
          limit.finished || (end < limit.to && countAfter(db, info, end, limit.to) > 0);
        const from = Math.max(start, runFrom);
        bars = barsFromTicks(db, info, timeframe, run.config.price, {
          from,
          to: Math.min(end, limit.to),
          closeLast,
        });
      }
      this.#blocks.set(key, bars);
      while (this.#blocks.size > CACHED_BLOCKS)
        this.#blocks.delete(this.#blocks.keys().next().value as string);
      return bars;
    };
    function* newestFirst(hi: number): Generator<ChartCandle> {
      if (!ticks) return;
      for (let b = blockOf(Math.min(hi, ticks.last)); b + span > ticks.first; b -= span) {
        const bars = block(b);
        for (let i = bars.length - 1; i >= 0; i--) if (bars[i].time <= hi) yield bars[i];
      }
    }
    function* oldestFirst(lo: number): Generator<ChartCandle> {
      if (!ticks) return;
      for (let b = blockOf(Math.max(lo, ticks.first)); b <= ticks.last; b += span)
        for (const bar of block(b)) if (bar.time >= lo) yield bar;
    }
    return {
      kind: 'rebuilt',
      extent() {
        // From the bars themselves: a running run's only bar may still be open.
        const first = oldestFirst(-Infinity).next();
        const last = newestFirst(Infinity).next();
        return first.done || last.done ? null : { first: first.value.time, last: last.value.time };
      },
      newestFirst,
      oldestFirst,
    };
  }
}

function countAfter(db: Db, info: SymbolInfo, from: number, to: number): number {
  return countTicks(db, info, { from, to: Number.isFinite(to) ? to : undefined });
}
