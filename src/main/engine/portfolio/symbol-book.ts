import type { TickQuotes } from './fill-rules.ts';
import type { PendingOrder, Position, SymbolSpec } from './types.ts';

/** A queued order as kept inside the portfolio; `reduceOnly` marks closePosition's orders. */
export interface QueuedOrder extends PendingOrder {
  /** Fills only against the position, at most its size; dropped if the position is flat. */
  reduceOnly: boolean;
}

export interface SymbolBookState {
  bid: number;
  ask: number;
  time: number;
  position: Position;
  orders: QueuedOrder[];
}

/**
 * Everything the portfolio knows about one symbol: its last quote, its netted position and its
 * working orders (ascending id). Plain number fields mutated in place, because onTick reads and
 * writes it for every tick; `hasWork` lets that tick return at once when nothing can fill and no
 * position needs valuing. A flat position has size 0, entryPrice/entryTime/worstPrice/bestPrice
 * NaN, no stops, swap 0 and tradeId 0.
 */
export class SymbolBook implements Position, TickQuotes {
  readonly name: string;
  /** Index of the symbol in the run. */
  readonly index: number;
  readonly spec: Readonly<SymbolSpec>;
  bid = NaN;
  ask = NaN;
  /** Time of the last tick, NaN before the first. */
  time = NaN;
  /** While a tick is worked: the quote before it, and whether it came within gapMs. */
  prevBid = NaN;
  prevAsk = NaN;
  continuous = false;
  size = 0;
  entryPrice = NaN;
  entryTime = NaN;
  entryCommission = 0;
  stopLoss: number | null = null;
  takeProfit: number | null = null;
  tradeId = 0;
  swap = 0;
  worstPrice = NaN;
  bestPrice = NaN;
  orders: QueuedOrder[] = [];
  /**
   * A working order or an open position (stops, excursions, margin): this symbol's ticks need
   * working. A tick of a flat symbol without orders only stores its quote.
   */
  hasWork = false;
  /** Set by a fill that set the stops during the current tick; cleared when the tick ends. */
  stopsFresh = false;

  constructor(name: string, index: number, spec: Readonly<SymbolSpec>) {
    this.name = name;
    this.index = index;
    this.spec = Object.freeze({ ...spec });
  }

  refreshWork(): void {
    this.hasWork = this.orders.length > 0 || this.size !== 0;
  }

  /** Valuation price of the position: a long would sell at the bid, a short buy at the ask. */
  valuationPrice(): number {
    return this.size > 0 ? this.bid : this.ask;
  }

  flatten(): void {
    this.size = 0;
    this.entryPrice = NaN;
    this.entryTime = NaN;
    this.entryCommission = 0;
    this.stopLoss = null;
    this.takeProfit = null;
    this.tradeId = 0;
    this.swap = 0;
    this.worstPrice = NaN;
    this.bestPrice = NaN;
  }

  position(): Position {
    const { size, entryPrice, entryTime, entryCommission, stopLoss, takeProfit, tradeId } = this;
    const { swap, worstPrice, bestPrice } = this;
    return {
      size,
      entryPrice,
      entryTime,
      entryCommission,
      stopLoss,
      takeProfit,
      tradeId,
      swap,
      worstPrice,
      bestPrice,
    };
  }

  snapshot(): SymbolBookState {
    const { bid, ask, time } = this;
    return { bid, ask, time, position: this.position(), orders: this.orders.map(copyOrder) };
  }

  restore(s: SymbolBookState): void {
    this.bid = s.bid;
    this.ask = s.ask;
    this.time = s.time;
    const p = s.position;
    this.size = p.size;
    this.entryPrice = p.entryPrice;
    this.entryTime = p.entryTime;
    this.entryCommission = p.entryCommission;
    this.stopLoss = p.stopLoss;
    this.takeProfit = p.takeProfit;
    this.tradeId = p.tradeId;
    this.swap = p.swap;
    this.worstPrice = p.worstPrice;
    this.bestPrice = p.bestPrice;
    this.orders = s.orders.map(copyOrder);
    this.stopsFresh = false;
    this.refreshWork();
  }
}

export function copyOrder(o: QueuedOrder): QueuedOrder {
  const { id, symbol, side, size, type, price, stopLoss, takeProfit, placedAt, reduceOnly } = o;
  return { id, symbol, side, size, type, price, stopLoss, takeProfit, placedAt, reduceOnly };
}
