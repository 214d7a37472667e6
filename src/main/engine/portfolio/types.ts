/**
 * Public types of the portfolio: orders, fills, positions and closed trades. Sizes are in units
 * of the base currency (1 lot = the symbol's contract size); money is in the account currency:
 * P&L = price difference × units in the symbol's quote currency, times the quote→account rate of
 * that moment (RateSource). Without `money` (a run of an older version) the account currency is
 * each symbol's quote currency, a lot is `lotSize` units and there is no margin and no swap.
 */
import type { SymbolSpec } from '../../../shared/symbol-spec.ts';

export type { SymbolSpec } from '../../../shared/symbol-spec.ts';
export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';
export type PositionSide = 'long' | 'short';
/** 'stop-out': closed by the broker because the margin level fell to the stop-out level. */
export type ExitReason = 'signal' | 'stop-loss' | 'take-profit' | 'end-of-data' | 'stop-out';

/** The broker side of the account (issue 12). Plain data: it is part of the run's config. */
export interface MoneyConfig {
  /** Account (deposit) currency, e.g. 'USD'. */
  currency: string;
  /** One per symbol of the run, in the run's order. */
  specs: SymbolSpec[];
  /** Account leverage (30 = 1:30); null = unlimited: no margin, no refusal, no stop-out. */
  leverage: number | null;
  /** Margin level (equity / used margin × 100) at or below which positions are closed. */
  stopOutPct: number;
  /** Daily rollover, minutes after 00:00 UTC (22:00 = 1320); swaps are charged there. */
  rolloverMinutes: number;
}

/**
 * Quote→account conversion, read by the portfolio whenever money changes hands or is valued.
 * A pure function of time (the rate of the conversion pair's last stored tick at or before
 * `time`), so a restored run sees the rates the uninterrupted one saw. Calls come with
 * non-decreasing times, except that a fresh source may be asked about any time once.
 */
export interface RateSource {
  /** Account-currency value of one unit of symbol `symbol`'s quote currency at `time`. */
  quoteRate(symbol: number, time: number): number;
}

/** An order the account could not take, kept with the run's output. */
export interface OrderRejection {
  time: number;
  orderId: number;
  symbol: string;
  side: OrderSide;
  size: number;
  /** Human reason, e.g. 'not enough free margin: needs 3,400.00 USD, free 1,250.10 USD'. */
  reason: string;
  /** Margin the fill needed and the free margin there was (account currency). */
  requiredMargin: number;
  freeMargin: number;
}

export interface PortfolioConfig {
  symbols: string[];
  /** Starting balance, account currency. */
  balance: number;
  /** Units per lot (FX: 100 000). */
  lotSize: number;
  /** Commission per lot per side (each fill), account currency. */
  commissionPerLot: number;
  /** Price units added against the trader on market and stop fills (deterministic). */
  slippage: number;
  /**
   * A pause longer than this between two ticks of a symbol (weekend, halt) is a gap: a stop or
   * limit level crossed across it fills at the tick price, not at the level. Default 60 000 ms.
   */
  gapMs?: number;
  /** Currency, specs, leverage, stop-out, rollover; absent = the pre-issue-12 account (header). */
  money?: MoneyConfig;
}

export interface OrderRequest {
  /** Index of the symbol in the run. */
  symbol: number;
  side: OrderSide;
  /** Units, > 0. */
  size: number;
  /** Default 'market'. */
  type?: OrderType;
  /** Trigger price for limit/stop entry orders. */
  price?: number;
  /** Protective stops attached to the resulting position; null/undefined = none. */
  stopLoss?: number | null;
  takeProfit?: number | null;
}

export interface PendingOrder extends Required<
  Omit<OrderRequest, 'price' | 'stopLoss' | 'takeProfit'>
> {
  id: number;
  price: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  /** Simulated time the order was placed. */
  placedAt: number;
}

export interface Position {
  /** Signed units: > 0 long, < 0 short, 0 flat. */
  size: number;
  /** Average entry price of the open units. */
  entryPrice: number;
  entryTime: number;
  /** Commission paid on entry for the open units, not yet booked to a trade. */
  entryCommission: number;
  stopLoss: number | null;
  takeProfit: number | null;
  /** Id of the open trade (assigned when the position opens). */
  tradeId: number;
  /** Swaps charged on the open units so far, account currency (booked when units close). */
  swap: number;
  /**
   * Worst and best valuation price since the position opened (long: lowest / highest bid;
   * short: highest / lowest ask), starting at the entry price; NaN when flat. MAE/MFE.
   */
  worstPrice: number;
  bestPrice: number;
}

export interface Trade {
  id: number;
  symbol: string;
  side: PositionSide;
  size: number;
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  exitReason: ExitReason;
  /** Account currency, converted at the exit's quote→account rate. */
  grossPnl: number;
  /** Entry share + exit commission (account currency, >= 0). */
  commission: number;
  /** Swaps charged while the closed units were held (account currency; negative = paid). */
  swap: number;
  /** grossPnl − commission + swap. */
  netPnl: number;
  /**
   * Maximum adverse / favourable excursion while held: the worst / best price against the
   * entry (bid for a long, ask for a short), in pips (>= 0) and in account-currency money for
   * the closed units (>= 0, at the exit's rate).
   */
  maePips: number;
  maeMoney: number;
  mfePips: number;
  mfeMoney: number;
  /** The position's stops when these units closed (null: none set). */
  stopLoss: number | null;
  takeProfit: number | null;
}

/** Receives every closed (or partly closed) trade, in order. */
export interface TradeSink {
  onTrade(trade: Trade): void;
  /** An order refused when it would have filled (not enough free margin). */
  onReject?(rejection: OrderRejection): void;
}
