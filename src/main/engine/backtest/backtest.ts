import type { TickSource } from '../data/tick-source.ts';
import type { Bar } from '../mtf/bar.ts';
import type { EngineConfig } from '../mtf/engine-config.ts';
import {
  MtfEngine,
  type BarSink,
  type EngineSnapshot,
  type TickListener,
} from '../mtf/mtf-engine.ts';
import { TickMerger } from '../mtf/tick-merger.ts';
import { Portfolio, type PortfolioState } from '../portfolio/portfolio.ts';
import type { PortfolioConfig, RateSource, TradeSink } from '../portfolio/types.ts';
import {
  EquityTracker,
  type EquitySample,
  type EquityTrackerState,
} from '../results/equity-tracker.ts';
import { EngineStrategyContext } from '../strategy/strategy-context.ts';
import { clonePlain } from '../persist/clone-plain.ts';
import { StrategyError } from '../strategy/strategy-error.ts';
import { CALLBACK, type CallbackWatch } from '../strategy/callback-watch.ts';
import type { ParamValues, StrategyModule, TickEvent } from '../strategy/types.ts';

export interface EquitySink {
  onEquity(sample: EquitySample): void;
}

export interface BacktestStrategy {
  module: StrategyModule;
  params: ParamValues;
  /** The user strategy's file, for error messages; null for built-ins. */
  file: string | null;
}

export interface BacktestConfig {
  engine: EngineConfig;
  portfolio: PortfolioConfig;
  strategy: BacktestStrategy | null;
  /** Quote→account conversion of the run's symbols (services build it from the tick store). */
  rates?: RateSource | null;
}

export interface BacktestSinks {
  bars?: BarSink | null;
  trades?: TradeSink | null;
  equity?: EquitySink | null;
}

export interface BacktestSnapshot {
  engine: EngineSnapshot;
  portfolio: PortfolioState;
  strategyState: Record<string, unknown>;
  equity: EquityTrackerState;
  lastSampleTime: number;
}

/**
 * One backtest in memory: engine, portfolio and strategy wired together. Per tick: bars update,
 * closed bars reach the store, the equity curve (at every close of the smallest timeframe) and
 * the strategy's onBar; then the portfolio sees the tick (fills, stops) and the strategy's onTick.
 * So an order placed in onBar fills on the tick that closed the bar — the next tick after the
 * bar's data — and one placed in onTick fills on the following tick.
 */
export class Backtest implements BarSink, TickListener {
  readonly engine: MtfEngine;
  readonly portfolio: Portfolio;
  readonly ctx: EngineStrategyContext;
  /** Set by a run host that watches for callbacks that never return (null: nobody watches). */
  callbackWatch: CallbackWatch | null = null;
  readonly #strategy: BacktestStrategy | null;
  readonly #sinks: BacktestSinks;
  readonly #equity = new EquityTracker();
  readonly #tick: TickEvent = { symbol: '', time: 0, bid: 0, ask: 0 };
  #lastSampleTime = -Infinity;
  #finishing = false;

  constructor(config: BacktestConfig, sinks: BacktestSinks = {}) {
    this.#strategy = config.strategy;
    this.#sinks = sinks;
    this.engine = new MtfEngine(config.engine, this);
    this.portfolio = new Portfolio(config.portfolio, sinks.trades ?? null, config.rates ?? null);
    this.ctx = new EngineStrategyContext(
      this.engine,
      this.portfolio,
      config.strategy?.params ?? {},
    );
    // Without a strategy nothing trades: plain bar runs skip the per-tick call entirely.
    this.engine.tickListener = config.strategy ? this : null;
  }

  /** A fresh run: the strategy's init. Not called after restore(). */
  start(): void {
    if (!this.#strategy) return;
    this.#call('init', -1, -1, NaN, () => this.#strategy!.module.init(this.ctx));
    // Refuse hidden non-plain state at once rather than at the first checkpoint.
    this.#call('init', -1, -1, NaN, () => clonePlain(this.ctx.state, 'ctx.state'));
  }

  merger(sources: TickSource[]): TickMerger {
    return new TickMerger(sources);
  }

  /**
   * End of data: open positions close at the last prices (exit reason end-of-data), then every
   * partial bar closes. The strategy is not called for these last bars: no tick is left to act on.
   */
  finish(): void {
    this.#finishing = true;
    this.portfolio.closeAll(this.portfolio.lastTime());
    this.engine.finish();
  }

  onBarClosed(symbol: number, timeframe: number, bar: Bar, values: Float64Array): void {
    this.#sinks.bars?.onBarClosed(symbol, timeframe, bar, values);
    if (timeframe === 0 && bar.time > this.#lastSampleTime) {
      this.#lastSampleTime = bar.time;
      const p = this.portfolio;
      const sample = this.#equity.add(bar.time, p.balance, p.equity(), p.usedMargin());
      this.#sinks.equity?.onEquity(sample);
    }
    const s = this.#strategy;
    if (s && !this.#finishing) {
      this.ctx.time = this.engine.now;
      const ev = {
        symbol: this.engine.config.symbols[symbol],
        timeframe: this.engine.config.timeframes[timeframe],
        bar,
      };
      this.#call('onBar', symbol, timeframe, bar.time, () => s.module.onBar(this.ctx, ev));
    }
  }

  onTick(symbol: number, time: number, bid: number, ask: number): void {
    this.portfolio.onTick(symbol, time, bid, ask);
    const onTick = this.#strategy?.module.onTick;
    if (onTick) {
      const t = this.#tick;
      t.symbol = this.engine.config.symbols[symbol];
      t.time = time;
      t.bid = bid;
      t.ask = ask;
      this.ctx.time = time;
      this.#call('onTick', symbol, -1, time, () =>
        onTick.call(this.#strategy!.module, this.ctx, t),
      );
    }
  }

  /** Calls strategy code: marked for the watchdog (where and when), errors named. */
  #call(
    phase: 'init' | 'onBar' | 'onTick',
    symbol: number,
    timeframe: number,
    time: number,
    fn: () => void,
  ): void {
    const watch = this.callbackWatch;
    watch?.enter(CALLBACK[phase], symbol, timeframe, time);
    try {
      fn();
    } catch (err) {
      if (err instanceof StrategyError) throw err;
      const s = this.#strategy!;
      throw new StrategyError(s.module.name, s.file, phase, err);
    } finally {
      watch?.exit();
    }
  }

  /** `alias`: parts may view live state, for a caller that encodes before the next tick. */
  snapshot(alias = false): BacktestSnapshot {
    return {
      engine: this.engine.snapshot(alias),
      portfolio: this.portfolio.snapshot(),
      strategyState: clonePlain(this.ctx.state, 'ctx.state'),
      equity: this.#equity.snapshot(),
      lastSampleTime: this.#lastSampleTime,
    };
  }

  restore(s: BacktestSnapshot): void {
    this.engine.restore(s.engine);
    this.portfolio.restore(s.portfolio);
    this.ctx.state = clonePlain(s.strategyState, 'ctx.state');
    this.#equity.restore(s.equity);
    this.#lastSampleTime = s.lastSampleTime;
  }
}
