/**
 * The simulated trading account of a run: orders, netted positions, protective stops, trades.
 *
 * Rules traders rely on (details in the files named):
 * - Orders are placed between ticks (`submit`) and can fill from the NEXT tick of their symbol
 *   on, never on the tick during which they were placed. Market orders: buy at ask + slippage,
 *   sell at bid − slippage. Limit / stop entries and stop-loss / take-profit: fill-rules.ts
 *   (the level or the tick price, gap rule with `gapMs`; slippage on stops, not on limits).
 * - One netted position per symbol; adds average the entry, opposite fills reduce or reverse;
 *   commission per fill; no margin, leverage or swap: ledger.ts.
 * - Per tick: working orders first, then the position's stops (stop-loss wins a tie):
 *   tick-matcher.ts.
 * - `closeAll` (end of data) closes every position like a market order at the last tick's
 *   bid/ask — slippage and commission included, exit reason 'end-of-data' — so a strategy's
 *   final exit costs what it would have cost live; working orders are dropped.
 * - Deterministic: no clock, no randomness; order and trade ids are counters in the state.
 */
import { resolveConfig, type ResolvedConfig } from './config.ts';
import { ExposureClock, type ExposureState } from './exposure-clock.ts';
import { Ledger } from './ledger.ts';
import {
  checkStops as checkStopsOf,
  checkSymbol,
  OrderError,
  validateOrder,
} from './order-validation.ts';
import { SymbolBook, type QueuedOrder, type SymbolBookState } from './symbol-book.ts';
import { checkStops, fillOrders } from './tick-matcher.ts';
import type { OrderRequest, PendingOrder, PortfolioConfig, Position, TradeSink } from './types.ts';

export interface PortfolioState {
  symbols: string[];
  balance: number;
  nextOrderId: number;
  nextTradeId: number;
  time: number;
  exposure: ExposureState;
  books: SymbolBookState[];
}

export class Portfolio {
  private readonly config: ResolvedConfig;
  private readonly books: SymbolBook[];
  private readonly ledger: Ledger;
  private readonly clock = new ExposureClock();
  private time = NaN;
  private nextOrderId = 1;

  constructor(config: PortfolioConfig, sink: TradeSink | null = null) {
    this.config = resolveConfig(config);
    const c = this.config;
    this.books = c.symbols.map((name) => new SymbolBook(name));
    this.ledger = new Ledger(c.balance, c.lotSize, c.commissionPerLot, sink);
  }

  /** Receives every closed (or partly closed) trade. */
  get sink(): TradeSink | null {
    return this.ledger.sink;
  }
  set sink(sink: TradeSink | null) {
    this.ledger.sink = sink;
  }

  /** Hot path: every tick of every symbol. Stores the quote; works only if the symbol has work. */
  onTick(symbol: number, time: number, bid: number, ask: number): void {
    this.clock.advance(time, this.ledger.openPositions > 0);
    this.time = time;
    const b = this.books[symbol];
    if (b.hasWork) return this.work(b, time, bid, ask);
    b.time = time;
    b.bid = bid;
    b.ask = ask;
  }

  private work(b: SymbolBook, time: number, bid: number, ask: number): void {
    b.prevBid = b.bid;
    b.prevAsk = b.ask;
    b.continuous = time - b.time <= this.config.gapMs; // false after NaN: no previous tick
    b.time = time;
    b.bid = bid;
    b.ask = ask;
    const slippage = this.config.slippage;
    if (b.orders.length > 0) fillOrders(b, this.ledger, this.nextOrderId, slippage);
    checkStops(b, this.ledger, slippage);
    b.stopsFresh = false;
    b.refreshWork();
  }

  /** Queues an order; returns its id (1, 2, …). Throws OrderError on an invalid request. */
  submit(order: OrderRequest, now: number): number {
    validateOrder(order, this.config.symbols);
    return this.queue({
      id: 0,
      symbol: order.symbol,
      side: order.side,
      size: order.size,
      type: order.type ?? 'market',
      price: order.price ?? null,
      stopLoss: order.stopLoss ?? null,
      takeProfit: order.takeProfit ?? null,
      placedAt: now,
      reduceOnly: false,
    });
  }

  private queue(o: QueuedOrder): number {
    o.id = this.nextOrderId++;
    const b = this.books[o.symbol];
    b.orders.push(o);
    b.refreshWork();
    return o.id;
  }

  /** Removes a working order; false if there is none with this id (filled, cancelled, unknown). */
  cancel(orderId: number): boolean {
    for (const b of this.books) {
      const i = b.orders.findIndex((o) => o.id === orderId);
      if (i < 0) continue;
      b.orders.splice(i, 1);
      b.refreshWork();
      return true;
    }
    return false;
  }

  /**
   * Queues a market order that flattens the position (exit reason 'signal'); no-op when flat.
   * It closes at most what is open when it fills and is dropped if the position is gone by then,
   * so it never opens a position.
   */
  closePosition(symbol: number, now: number): void {
    checkSymbol(symbol, this.config.symbols);
    const size = this.books[symbol].size;
    if (size === 0) return;
    this.queue({
      id: 0,
      symbol,
      side: size > 0 ? 'sell' : 'buy',
      size: Math.abs(size),
      type: 'market',
      price: null,
      stopLoss: null,
      takeProfit: null,
      placedAt: now,
      reduceOnly: true,
    });
  }

  /** Replaces both stops of the open position (null = none). Throws OrderError when flat. */
  setStops(symbol: number, stopLoss: number | null, takeProfit: number | null): void {
    checkSymbol(symbol, this.config.symbols);
    const b = this.books[symbol];
    const where = `setStops on ${b.name}`;
    checkStopsOf(where, stopLoss, takeProfit);
    if (b.size === 0) {
      throw new OrderError(
        `${where}: no open position (orders fill on the next tick; to protect a new position ` +
          'pass stopLoss/takeProfit with the order)',
      );
    }
    b.stopLoss = stopLoss;
    b.takeProfit = takeProfit;
    b.refreshWork();
  }

  /** A copy of the symbol's position (size 0 and NaN entry when flat). */
  position(symbol: number): Readonly<Position> {
    checkSymbol(symbol, this.config.symbols);
    return this.books[symbol].position();
  }

  /** Copies of all working orders, in the order they were placed. */
  pendingOrders(): readonly PendingOrder[] {
    const all: PendingOrder[] = [];
    for (const b of this.books) {
      for (const o of b.orders) {
        const { id, symbol, side, size, type, price, stopLoss, takeProfit, placedAt } = o;
        all.push({ id, symbol, side, size, type, price, stopLoss, takeProfit, placedAt });
      }
    }
    return all.sort((x, y) => x.id - y.id);
  }

  /** Realised: start + gross PnL of closed parts − every commission paid so far. */
  get balance(): number {
    return this.ledger.balance;
  }

  /** Balance + unrealised PnL of every open position at the last quotes. */
  equity(): number {
    let e = this.ledger.balance;
    for (let i = 0; i < this.books.length; i++) e += this.unrealized(this.books[i]);
    return e;
  }

  /** Open PnL at the last quote: a long would sell at the bid, a short buy at the ask. */
  unrealizedPnl(symbol: number): number {
    checkSymbol(symbol, this.config.symbols);
    return this.unrealized(this.books[symbol]);
  }

  private unrealized(b: SymbolBook): number {
    if (b.size === 0) return 0;
    return b.size > 0 ? (b.bid - b.entryPrice) * b.size : (b.entryPrice - b.ask) * -b.size;
  }

  /** Last bid of the symbol, NaN before its first tick. */
  lastBid(symbol: number): number {
    checkSymbol(symbol, this.config.symbols);
    return this.books[symbol].bid;
  }
  lastAsk(symbol: number): number {
    checkSymbol(symbol, this.config.symbols);
    return this.books[symbol].ask;
  }
  /** Time of the last tick of any symbol, NaN before the first. */
  lastTime(): number {
    return this.time;
  }

  /** End of data: drops working orders, closes every position at the last quote (see header). */
  closeAll(now: number): void {
    this.clock.advance(now, this.ledger.openPositions > 0);
    const slippage = this.config.slippage;
    for (const b of this.books) {
      b.orders.length = 0;
      b.refreshWork();
    }
    for (const b of this.books) {
      if (b.size === 0) continue;
      const long = b.size > 0;
      const price = long ? b.bid - slippage : b.ask + slippage;
      this.ledger.fill(b, long ? 'sell' : 'buy', Math.abs(b.size), price, now, 'end-of-data', null);
    }
  }

  /** Time in the market and the span of times seen, for the exposure statistic. */
  exposure(): ExposureState {
    return this.clock.snapshot();
  }

  snapshot(): PortfolioState {
    return {
      symbols: [...this.config.symbols],
      balance: this.ledger.balance,
      nextOrderId: this.nextOrderId,
      nextTradeId: this.ledger.nextTradeId,
      time: this.time,
      exposure: this.clock.snapshot(),
      books: this.books.map((b) => b.snapshot()),
    };
  }

  /** Restores a snapshot of a portfolio over the same symbols; refuses any other. */
  restore(s: PortfolioState): void {
    const mine = this.config.symbols.join(', ');
    if (s.symbols.join('\u0000') !== this.config.symbols.join('\u0000')) {
      throw new Error(`snapshot is of a portfolio over [${s.symbols.join(', ')}], not [${mine}]`);
    }
    this.ledger.balance = s.balance;
    this.ledger.nextTradeId = s.nextTradeId;
    this.nextOrderId = s.nextOrderId;
    this.time = s.time;
    this.clock.restore(s.exposure);
    s.books.forEach((bs, i) => this.books[i].restore(bs));
    this.ledger.openPositions = this.books.filter((b) => b.size !== 0).length;
  }
}
