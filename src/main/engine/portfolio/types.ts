/**
 * Public types of the portfolio: orders, fills, positions and closed trades. Sizes are in units
 * of the base currency (1 lot = `lotSize` units); money is in the account currency, which is the
 * symbol's quote currency (PnL = price difference × units).
 */
export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';
export type PositionSide = 'long' | 'short';
export type ExitReason = 'signal' | 'stop-loss' | 'take-profit' | 'end-of-data';

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
  grossPnl: number;
  /** Entry share + exit commission. */
  commission: number;
  netPnl: number;
}

/** Receives every closed (or partly closed) trade, in order. */
export interface TradeSink {
  onTrade(trade: Trade): void;
}
