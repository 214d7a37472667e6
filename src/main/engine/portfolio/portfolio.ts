/**
 * The simulated trading account of a run: orders, netted positions, protective stops, trades.
 *
 * Rules traders rely on (details in the files named):
 * - Orders are placed between ticks (`submit`) and can fill from the NEXT tick of their symbol
 *   on, never on the tick during which they were placed. Market orders: buy at ask + slippage,
 *   sell at bid − slippage. Limit / stop entries and stop-loss / take-profit: fill-rules.ts
 *   (the level or the tick price, gap rule with `gapMs`; slippage on stops, not on limits).
 * - One netted position per symbol; adds average the entry, opposite fills reduce or reverse;
 *   commission per fill; P&L converted to the account currency at the exit: ledger.ts.
 * - Per tick: rollovers due first (swaps.ts), then working orders — each checked for margin when
 *   it would fill (margin-gate.ts) — then the position's stops (stop-loss wins a tie):
 *   tick-matcher.ts; then, with leverage, the stop-out (stop-out.ts). Open positions track their
 *   excursions (excursion.ts). Rules for traders: docs/money.md.
 * - `closeAll` (end of data) closes every position like a market order at the last tick's
 *   bid/ask — slippage and commission included, exit reason 'end-of-data' — so a strategy's
 *   final exit costs what it would have cost live; working orders are dropped.
 * - Deterministic: no clock, no randomness; order and trade ids are counters in the state.
 */
import { resolveConfig, type ResolvedConfig } from './config.ts';
import { trackExcursion } from './excursion.ts';
import { ExposureClock, type ExposureState } from './exposure-clock.ts';
import { Ledger } from './ledger.ts';
import { accountFigures, quotePnl, type AccountFigures } from './margin.ts';
import { MarginGate } from './margin-gate.ts';
import {
  checkStops as checkStopsOf,
  checkSymbol,
  OrderError,
  validateOrder,
} from './order-validation.ts';
import { QuoteRates } from './quote-rates.ts';
import { stopOut } from './stop-out.ts';
import { chargeRollovers, rolloverAfter } from './swaps.ts';
import { SymbolBook, type QueuedOrder, type SymbolBookState } from './symbol-book.ts';
import { checkStops, fillOrders } from './tick-matcher.ts';
import type {
  OrderRequest,
  PendingOrder,
  PortfolioConfig,
  Position,
  RateSource,
  SymbolSpec,
  TradeSink,
} from './types.ts';

export interface PortfolioState {
  symbols: string[];
  balance: number;
  nextOrderId: number;
  nextTradeId: number;
  time: number;
  /** The next rollover instant (swaps.ts); NaN until the first tick. */
  nextRollover: number;
  exposure: ExposureState;
  books: SymbolBookState[];
}

export class Portfolio {
  private readonly config: ResolvedConfig;
  private readonly books: SymbolBook[];
  private readonly ledger: Ledger;
  private readonly rates: QuoteRates;
  /** The margin check at fill; null with unlimited leverage. */
  private readonly gate: MarginGate | null;
  private readonly clock = new ExposureClock();
  private readonly figures: AccountFigures = { equity: 0, used: 0 };
  private time = NaN;
  private nextOrderId = 1;
  private nextRollover = NaN;

  /**
   * `rates` converts each symbol's quote currency to the account currency (null: rate 1). A run
   * without `money` (older versions) ignores it: its P&L stays in each quote currency.
   */
  constructor(
    config: PortfolioConfig,
    sink: TradeSink | null = null,
    rates: RateSource | null = null,
  ) {
    this.config = resolveConfig(config);
    const c = this.config;
    this.rates = new QuoteRates(c.legacy ? null : rates);
    this.books = c.symbols.map((name, i) => new SymbolBook(name, i, c.money.specs[i]));
    this.ledger = new Ledger(c.balance, c.commissionPerLot, this.rates, sink);
    const leverage = c.money.leverage;
    this.gate =
      leverage === null
        ? null
        : new MarginGate(this.books, this.ledger, this.rates, leverage, c.money.currency);
  }

  /** Receives every closed (or partly closed) trade. */
  get sink(): TradeSink | null {
    return this.ledger.sink;
  }
  set sink(sink: TradeSink | null) {
    this.ledger.sink = sink;
  }

  /**
   * Hot path: every tick of every symbol. Stores the quote; works only if the symbol has work (an
   * order or a position), a rollover is due, or positions are open under leverage (stop-out).
   */
  onTick(symbol: number, time: number, bid: number, ask: number): void {
    const open = this.ledger.openPositions > 0;
    this.clock.advance(time, open);
    this.time = time;
    // NaN (before the first tick) compares false too: the first tick schedules the first rollover.
    if (!(time < this.nextRollover)) this.rollover(time);
    const b = this.books[symbol];
    if (b.hasWork) this.work(b, time, bid, ask);
    else {
      b.time = time;
      b.bid = bid;
      b.ask = ask;
      if (!open) return;
    }
    const leverage = this.config.money.leverage;
    if (leverage !== null && this.ledger.openPositions > 0) {
      const { stopOutPct } = this.config.money;
      stopOut(
        this.books,
        this.ledger,
        this.rates,
        time,
        leverage,
        stopOutPct,
        this.config.slippage,
      );
    }
  }

  private rollover(time: number): void {
    const minutes = this.config.money.rolloverMinutes;
    if (this.nextRollover !== this.nextRollover) this.nextRollover = rolloverAfter(time, minutes);
    else this.nextRollover = chargeRollovers(this.books, this.nextRollover, time, this.rates);
  }

  private work(b: SymbolBook, time: number, bid: number, ask: number): void {
    b.prevBid = b.bid;
    b.prevAsk = b.ask;
    b.continuous = time - b.time <= this.config.gapMs; // false after NaN: no previous tick
    b.time = time;
    b.bid = bid;
    b.ask = ask;
    if (b.size !== 0) trackExcursion(b);
    const slippage = this.config.slippage;
    if (b.orders.length > 0) fillOrders(b, this.ledger, this.nextOrderId, slippage, this.gate);
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

  /** Realised: start + converted gross P&L and swaps of closed parts − every commission paid. */
  get balance(): number {
    return this.ledger.balance;
  }

  /** Balance + unrealised P&L (converted) + swaps accrued on every open position, at the last quotes. */
  equity(): number {
    return this.account().equity;
  }

  /** Margin the open positions use (account currency); 0 with unlimited leverage or when flat. */
  usedMargin(): number {
    return this.account().used;
  }

  /** Equity − used margin. */
  freeMargin(): number {
    const f = this.account();
    return f.equity - f.used;
  }

  /** Equity / used margin × 100; null when no margin is used. */
  marginLevel(): number | null {
    const f = this.account();
    return f.used > 0 ? (f.equity / f.used) * 100 : null;
  }

  private account(): AccountFigures {
    const { books, ledger, rates, time, figures } = this;
    return accountFigures(books, ledger.balance, rates, time, this.config.money.leverage, figures);
  }

  /** Open P&L at the last quote (a long would sell at the bid, a short buy at the ask), converted. */
  unrealizedPnl(symbol: number): number {
    checkSymbol(symbol, this.config.symbols);
    const b = this.books[symbol];
    return b.size === 0 ? 0 : quotePnl(b) * this.rates.at(symbol, this.time);
  }

  /** The specification the run uses for the symbol (the legacy one for an older run). */
  spec(symbol: number): Readonly<SymbolSpec> {
    checkSymbol(symbol, this.config.symbols);
    return this.books[symbol].spec;
  }

  /** The account currency. */
  get currency(): string {
    return this.config.money.currency;
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
      nextRollover: this.nextRollover,
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
    this.nextRollover = s.nextRollover;
    this.clock.restore(s.exposure);
    s.books.forEach((bs, i) => this.books[i].restore(bs));
    this.ledger.openPositions = this.books.filter((b) => b.size !== 0).length;
  }
}
