import type { TickBatch } from '../data/tick-batch.ts';
import type { Bar } from './bar.ts';
import { BarHistory, type BarHistoryState } from './bar-history.ts';
import { sameEngineConfig, type EngineConfig } from './engine-config.ts';
import { EventQueue, type BarCloseEvent } from './event-queue.ts';
import { IndicatorSet } from './indicator-set.ts';
import { PartialBar, type PartialBarState } from './partial-bar.ts';
import { TIMEFRAME_MS, timeframeOffset } from './timeframes.ts';

/** Receives every closed bar, after its indicators were updated (in event-queue order). */
export interface BarSink {
  onBarClosed(symbol: number, timeframe: number, bar: Bar, indicatorValues: Float64Array): void;
}

/**
 * Sees every tick after the bars were updated and any bar-close events delivered: the portfolio
 * fills orders and checks stops here, a strategy's onTick runs here.
 */
export interface TickListener {
  onTick(symbol: number, time: number, bid: number, ask: number): void;
}

export interface EngineSnapshot {
  config: EngineConfig;
  /** Ticks consumed per symbol: the exact cursor into each symbol's tick stream. */
  consumed: number[];
  /** Bars closed per timeframe, summed over symbols. */
  barsClosed: number[];
  partials: PartialBarState[][];
  histories: BarHistoryState[][];
  indicators: unknown[][][];
  queue: BarCloseEvent[];
}

interface SymbolFrames {
  partials: PartialBar[];
  histories: BarHistory[];
  indicators: IndicatorSet[];
}

/**
 * The multi-timeframe bar engine: ticks in, partial bars updated per timeframe, closed bars
 * through the event queue to indicators, history and the sink. Single-threaded and
 * deterministic; all state is reachable from snapshot().
 */
export class MtfEngine {
  readonly config: EngineConfig;
  readonly frames: SymbolFrames[];
  readonly consumed: number[];
  readonly barsClosed: number[];
  readonly queue = new EventQueue();
  sink: BarSink | null;
  tickListener: TickListener | null = null;
  /** Time of the tick being processed when bars close: the moment bar-close consumers act. */
  now = NaN;
  readonly #sizes: number[];
  readonly #offsets: number[];
  readonly #priceMode: number;

  constructor(config: EngineConfig, sink: BarSink | null = null) {
    this.config = config;
    this.sink = sink;
    this.#sizes = config.timeframes.map((tf) => TIMEFRAME_MS[tf]);
    this.#offsets = config.timeframes.map((tf) => timeframeOffset(tf));
    this.#priceMode = ['bid', 'ask', 'mid'].indexOf(config.price);
    if (this.#priceMode < 0) throw new Error(`unknown price source '${config.price}'`);
    this.frames = config.symbols.map(() => {
      const indicators = config.timeframes.map(() => new IndicatorSet(config.indicators));
      return {
        partials: config.timeframes.map(() => new PartialBar()),
        indicators,
        histories: indicators.map((set) => new BarHistory(config.historySize, set.columns.length)),
      };
    });
    this.consumed = config.symbols.map(() => 0);
    this.barsClosed = config.timeframes.map(() => 0);
  }

  get indicatorColumns(): readonly string[] {
    return this.frames[0]?.indicators[0]?.columns ?? [];
  }

  get ticksConsumed(): number {
    return this.consumed.reduce((a, b) => a + b, 0);
  }

  /** Feed ticks [from, to) of `batch`, all of symbol index `symbol`, in order. */
  processRange(symbol: number, batch: TickBatch, from: number, to: number): void {
    const partials = this.frames[symbol].partials;
    const n = partials.length;
    const first = partials[0];
    const { ts, bid, ask } = batch;
    const bidVol = batch.bidVol;
    const askVol = batch.askVol;
    const mode = this.#priceMode;
    const listener = this.tickListener;
    for (let i = from; i < to; i++) {
      const t = ts[i];
      const p = mode === 0 ? bid[i] : mode === 1 ? ask[i] : (bid[i] + ask[i]) * 0.5;
      const v = bidVol === null ? 1 : (bidVol[i] || 0) + (askVol![i] || 0);
      // Every larger timeframe's boundary is a boundary of the smallest one, so a tick inside the
      // smallest open bucket cannot close anything: the common case skips all boundary checks.
      const crossing = t >= first.end;
      for (let k = 0; k < n; k++) {
        const b = partials[k];
        if (crossing && t >= b.end) {
          if (b.ticks > 0) this.#close(symbol, k, b);
          const size = this.#sizes[k];
          const offset = this.#offsets[k];
          b.start = Math.floor((t - offset) / size) * size + offset;
          b.end = b.start + size;
          b.open = b.high = b.low = b.close = p;
          b.volume = v;
          b.ticks = 1;
        } else {
          if (p > b.high) b.high = p;
          if (p < b.low) b.low = p;
          b.close = p;
          b.volume += v;
          b.ticks++;
        }
        b.lastTs = t;
      }
      if (crossing && this.queue.length > 0) {
        this.now = t;
        this.drain();
      }
      if (listener !== null) listener.onTick(symbol, t, bid[i], ask[i]);
    }
    this.consumed[symbol] += to - from;
  }

  /** End of data: close every open bar, symbol by symbol, smallest timeframe first. */
  finish(): void {
    this.frames.forEach((f, symbol) => {
      f.partials.forEach((b, k) => {
        if (b.ticks > 0) this.#close(symbol, k, b);
        b.ticks = 0;
      });
    });
    this.drain();
  }

  #close(symbol: number, timeframe: number, b: PartialBar): void {
    this.queue.push({ symbol, timeframe, bar: b.toBar() });
  }

  /** Deliver pending bar-close events: indicators first, then history, then the sink. */
  drain(): void {
    for (let e = this.queue.shift(); e !== undefined; e = this.queue.shift()) {
      const f = this.frames[e.symbol];
      const set = f.indicators[e.timeframe];
      set.update(e.bar);
      f.histories[e.timeframe].push(e.bar, set.values);
      this.barsClosed[e.timeframe]++;
      this.sink?.onBarClosed(e.symbol, e.timeframe, e.bar, set.values);
    }
  }

  /** `alias`: history rows may view live state (see BarHistory.snapshot); encode at once. */
  snapshot(alias = false): EngineSnapshot {
    return {
      config: structuredClone(this.config),
      consumed: [...this.consumed],
      barsClosed: [...this.barsClosed],
      partials: this.frames.map((f) => f.partials.map((b) => b.snapshot())),
      histories: this.frames.map((f) => f.histories.map((h) => h.snapshot(alias))),
      indicators: this.frames.map((f) => f.indicators.map((s) => s.snapshot())),
      queue: this.queue.snapshot(),
    };
  }

  restore(s: EngineSnapshot): void {
    if (!sameEngineConfig(s.config, this.config)) {
      throw new Error('snapshot was taken with a different engine configuration');
    }
    s.consumed.forEach((c, i) => (this.consumed[i] = c));
    s.barsClosed.forEach((c, i) => (this.barsClosed[i] = c));
    this.frames.forEach((f, i) => {
      f.partials.forEach((b, k) => b.restore(s.partials[i][k]));
      f.histories.forEach((h, k) => h.restore(s.histories[i][k]));
      f.indicators.forEach((set, k) => set.restore(s.indicators[i][k]));
    });
    this.queue.restore(s.queue);
  }
}
