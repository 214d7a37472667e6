import type { Bar } from '../mtf/bar.ts';
import type { MtfEngine } from '../mtf/mtf-engine.ts';
import type { Timeframe } from '../mtf/timeframes.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { OrderSide, SymbolSpec } from '../portfolio/types.ts';
import { ColumnIndex } from './column-index.ts';
import type {
  OrderOptions,
  ParamValues,
  PartialBarView,
  PositionView,
  StrategyContext,
} from './types.ts';

/**
 * The strategy's window on a running backtest: reads go straight to the engine's partial bars,
 * histories and indicator values; orders go to the portfolio. Holds no state of its own beyond
 * `state` (the strategy's, snapshot with the run) and `time` (set before every call).
 */
export class EngineStrategyContext implements StrategyContext {
  readonly params: Readonly<ParamValues>;
  state: Record<string, unknown> = {};
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly lotSize: number;
  time = NaN;
  readonly account: StrategyContext['account'];
  readonly #engine: MtfEngine;
  readonly #portfolio: Portfolio;
  readonly #symbolIndex: Map<string, number>;
  readonly #tfIndex: Map<string, number>;
  readonly #columns: ColumnIndex;
  readonly #scratch: Float64Array;

  constructor(engine: MtfEngine, portfolio: Portfolio, params: ParamValues) {
    this.#engine = engine;
    this.#portfolio = portfolio;
    this.params = Object.freeze({ ...params });
    this.symbols = Object.freeze([...engine.config.symbols]);
    this.timeframes = Object.freeze([...engine.config.timeframes]);
    this.lotSize = portfolio.spec(0).contractSize;
    this.#symbolIndex = new Map(this.symbols.map((s, i) => [s, i]));
    this.#tfIndex = new Map(this.timeframes.map((t, i) => [t, i]));
    const set = engine.frames[0].indicators[0];
    this.#columns = new ColumnIndex(set);
    this.#scratch = new Float64Array(set.columns.length);
    this.account = {
      currency: portfolio.currency,
      get balance() {
        return portfolio.balance;
      },
      get equity() {
        return portfolio.equity();
      },
      get margin() {
        return portfolio.usedMargin();
      },
      get freeMargin() {
        return portfolio.freeMargin();
      },
      get marginLevel() {
        return portfolio.marginLevel();
      },
      position: (symbol: string) => this.#position(symbol),
    };
  }

  #sym(symbol: string): number {
    const i = this.#symbolIndex.get(symbol);
    if (i === undefined)
      throw new Error(`symbol '${symbol}' is not in this run (${this.symbols.join(', ')})`);
    return i;
  }

  #tf(tf: Timeframe): number {
    const k = this.#tfIndex.get(tf);
    if (k === undefined) {
      throw new Error(
        `timeframe '${tf}' is not enabled in this run (${this.timeframes.join(', ')})`,
      );
    }
    return k;
  }

  bar(symbol: string, timeframe: Timeframe, ago = 0): Bar | undefined {
    return this.#engine.frames[this.#sym(symbol)].histories[this.#tf(timeframe)].bar(ago);
  }

  barCount(symbol: string, timeframe: Timeframe): number {
    return this.#engine.frames[this.#sym(symbol)].histories[this.#tf(timeframe)].length;
  }

  partial(symbol: string, timeframe: Timeframe): PartialBarView | undefined {
    const p = this.#engine.frames[this.#sym(symbol)].partials[this.#tf(timeframe)];
    return p.ticks === 0 ? undefined : { ...p.toBar(), progress: p.progress() };
  }

  indicator(symbol: string, timeframe: Timeframe, column: string, ago = 0): number {
    const history = this.#engine.frames[this.#sym(symbol)].histories[this.#tf(timeframe)];
    return history.indicatorValue(this.#columns.offsetOf(column), ago);
  }

  preview(symbol: string, timeframe: Timeframe, column: string): number {
    const f = this.#engine.frames[this.#sym(symbol)];
    const k = this.#tf(timeframe);
    const offset = this.#columns.offsetOf(column);
    if (f.partials[k].ticks === 0) return NaN;
    f.indicators[k].preview(f.partials[k].toBar(), this.#scratch);
    return this.#scratch[offset];
  }

  spec(symbol: string): Readonly<SymbolSpec> {
    return this.#portfolio.spec(this.#sym(symbol));
  }

  #position(symbol: string): PositionView {
    const s = this.#sym(symbol);
    const p = this.#portfolio.position(s);
    return {
      symbol,
      side: p.size > 0 ? 'long' : p.size < 0 ? 'short' : 'flat',
      size: Math.abs(p.size),
      lots: Math.abs(p.size) / this.#portfolio.spec(s).contractSize,
      entryPrice: p.size === 0 ? NaN : p.entryPrice,
      entryTime: p.size === 0 ? NaN : p.entryTime,
      stopLoss: p.stopLoss,
      takeProfit: p.takeProfit,
      unrealizedPnl: this.#portfolio.unrealizedPnl(s),
      swap: p.swap,
    };
  }

  buy(symbol: string, size: number, options?: OrderOptions): number {
    return this.order(symbol, 'buy', size, options);
  }

  sell(symbol: string, size: number, options?: OrderOptions): number {
    return this.order(symbol, 'sell', size, options);
  }

  order(symbol: string, side: OrderSide, size: number, options: OrderOptions = {}): number {
    return this.#portfolio.submit({ symbol: this.#sym(symbol), side, size, ...options }, this.time);
  }

  cancel(orderId: number): void {
    this.#portfolio.cancel(orderId);
  }

  close(symbol: string): void {
    this.#portfolio.closePosition(this.#sym(symbol), this.time);
  }

  setStops(symbol: string, stopLoss: number | null, takeProfit: number | null): void {
    this.#portfolio.setStops(this.#sym(symbol), stopLoss, takeProfit);
  }
}
