/**
 * Bars of one symbol and timeframe rebuilt from ticks by the run's own bar builder (MtfEngine), so
 * they are the bars the run would have recorded. The builder is kept with its bars: a running
 * run's chart asks again as the run advances, and only the ticks since the last request are fed.
 */
import type { ChartCandle } from '../../../shared/charts.ts';
import type { Bar, PriceSource } from '../../engine/mtf/bar.ts';
import { MtfEngine } from '../../engine/mtf/mtf-engine.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { Db } from '../db/database.ts';
import { lowerBound, openTickSource, type SymbolInfo } from '../ticks/tick-store.ts';
import type { BarExtent, BarSource } from './bar-source.ts';

export class TickBars {
  readonly #engine: MtfEngine;
  /** Column-wise, like the bar store: time, open, high, low, close, volume. */
  readonly #time: number[] = [];
  readonly #ohlcv: number[][] = [[], [], [], [], []];
  /** Ticks with ts < fedTo have been fed. */
  fedTo = -Infinity;
  finished = false;

  constructor(symbol: string, timeframe: Timeframe, price: PriceSource) {
    const config = {
      symbols: [symbol],
      timeframes: [timeframe],
      indicators: [],
      price,
      historySize: 1,
    };
    this.#engine = new MtfEngine(config, {
      onBarClosed: (_s: number, _k: number, bar: Bar) => {
        this.#time.push(bar.time);
        [bar.open, bar.high, bar.low, bar.close, bar.volume].forEach((v, c) =>
          this.#ohlcv[c].push(v),
        );
      },
    });
  }

  get count(): number {
    return this.#time.length;
  }

  /** Feeds the symbol's ticks with fedTo <= ts < to (the first call starts at `from`). */
  feed(db: Db, info: SymbolInfo, from: number, to: number): void {
    const start = Math.max(from, this.fedTo);
    if (to <= start || this.finished) return;
    const source = openTickSource(db, info, {
      from: start === -Infinity ? undefined : start,
      to: to === Infinity ? undefined : to,
    });
    for (let b = source.next(); b !== null; b = source.next())
      this.#engine.processRange(0, b, 0, b.length);
    this.fedTo = to;
  }

  /** End of the run's data: the last open bar closes, as the run closes it when it completes. */
  finish(): void {
    if (!this.finished) this.#engine.finish();
    this.finished = true;
  }

  source(): BarSource {
    const time = this.#time;
    const candle = (i: number): ChartCandle => {
      const [o, h, l, c, v] = this.#ohlcv;
      return { time: time[i], open: o[i], high: h[i], low: l[i], close: c[i], volume: v[i] };
    };
    const times = Float64Array.from(time);
    return {
      kind: 'rebuilt',
      extent: (): BarExtent | null =>
        time.length ? { first: time[0], last: time[time.length - 1] } : null,
      *newestFirst(hi: number) {
        for (let i = lowerBound(times, 0, times.length, Math.floor(hi) + 1) - 1; i >= 0; i--)
          yield candle(i);
      },
      *oldestFirst(lo: number) {
        for (let i = lowerBound(times, 0, times.length, lo); i < times.length; i++) yield candle(i);
      },
    };
  }
}
