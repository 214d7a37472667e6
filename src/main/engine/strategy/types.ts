import type { ParamSpecDto } from '../../../shared/dto.ts';
import type { Bar } from '../mtf/bar.ts';
import type { Timeframe } from '../mtf/timeframes.ts';
import type { OrderSide, OrderType, PositionSide, SymbolSpec } from '../portfolio/types.ts';

/**
 * One parameter of a strategy: the CLI parses `--param name=value` with it, the app draws a form.
 * Defined once in the shared contract, since the schema itself crosses to the UI.
 */
export type ParamSpec = ParamSpecDto;

export type ParamValues = Record<string, number | boolean | string>;

/** A bar closed: what onBar receives. */
export interface BarEvent {
  symbol: string;
  timeframe: Timeframe;
  bar: Bar;
}

/** A tick: what onTick receives. */
export interface TickEvent {
  symbol: string;
  time: number;
  bid: number;
  ask: number;
}

export interface PartialBarView extends Bar {
  /** Fraction of the bucket elapsed at the last tick. */
  progress: number;
}

export interface PositionView {
  symbol: string;
  side: PositionSide | 'flat';
  /** Unsigned units. */
  size: number;
  /** size / the symbol's contract size. */
  lots: number;
  entryPrice: number;
  entryTime: number;
  stopLoss: number | null;
  takeProfit: number | null;
  /** At the current bid (long) / ask (short), in the account currency. */
  unrealizedPnl: number;
  /** Swaps charged on the open units so far (account currency; negative = paid). */
  swap: number;
}

export interface OrderOptions {
  type?: OrderType;
  price?: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/**
 * What a strategy sees and may do. Everything a strategy must remember between calls goes in
 * `state` (plain data only: numbers, strings, booleans, null, arrays, plain objects); it is
 * snapshot with the run, so a resumed run continues exactly.
 */
export interface StrategyContext {
  readonly params: Readonly<ParamValues>;
  state: Record<string, unknown>;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Simulated time: the timestamp of the tick being processed (ms UTC). */
  readonly time: number;
  /** Closed bar `ago` bars back (0 = the last closed one), or undefined if not kept. */
  bar(symbol: string, timeframe: Timeframe, ago?: number): Bar | undefined;
  /** Number of closed bars kept for (symbol, timeframe). */
  barCount(symbol: string, timeframe: Timeframe): number;
  /** The bar being built, or undefined before the first tick. */
  partial(symbol: string, timeframe: Timeframe): PartialBarView | undefined;
  /**
   * Indicator value at the close of the bar `ago` bars back; NaN while warming up. `column` is
   * a spec ('ema(20)') for single-output indicators or an export column ('bbands_20_2_upper').
   */
  indicator(symbol: string, timeframe: Timeframe, column: string, ago?: number): number;
  /** Indicator value over the current partial bar, as if it closed now. */
  preview(symbol: string, timeframe: Timeframe, column: string): number;
  readonly account: {
    /** The account (deposit) currency, e.g. 'USD'. */
    readonly currency: string;
    readonly balance: number;
    readonly equity: number;
    /** Used margin of the open positions; 0 with unlimited leverage. */
    readonly margin: number;
    /** equity − margin. */
    readonly freeMargin: number;
    /** equity / margin × 100; null when no margin is used. */
    readonly marginLevel: number | null;
    position(symbol: string): PositionView;
  };
  /**
   * The symbol's specification: contract size (units per lot), pip size, digits, currencies,
   * swaps, margin rate. Size orders in lots with `lots × ctx.spec(symbol).contractSize`.
   */
  spec(symbol: string): Readonly<SymbolSpec>;
  /** Units per lot of the run's first symbol (its contract size). */
  readonly lotSize: number;
  /** Market orders fill on the next tick of the symbol: buys at the ask, sells at the bid. */
  buy(symbol: string, size: number, options?: OrderOptions): number;
  sell(symbol: string, size: number, options?: OrderOptions): number;
  order(symbol: string, side: OrderSide, size: number, options?: OrderOptions): number;
  cancel(orderId: number): void;
  /** Flatten the symbol's position with a market order (exit reason 'signal'). */
  close(symbol: string): void;
  /** Replace the protective stops of the open position. */
  setStops(symbol: string, stopLoss: number | null, takeProfit: number | null): void;
}

/**
 * A strategy module: `export default { name, description, params, init, onBar, onTick? }`.
 * `requires` names the timeframes and indicators it reads, so a run computes them.
 */
export interface StrategyModule {
  name: string;
  description: string;
  params: ParamSpec[];
  requires?(params: Readonly<ParamValues>): { timeframes?: Timeframe[]; indicators?: string[] };
  init(ctx: StrategyContext): void;
  onBar(ctx: StrategyContext, ev: BarEvent): void;
  onTick?(ctx: StrategyContext, tick: TickEvent): void;
}
