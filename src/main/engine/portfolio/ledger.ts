/**
 * The account: applies fills to netted positions, books the closed parts as trades and keeps
 * the realised balance.
 *
 * - One netted position per symbol. A fill in the position's direction adds to it (entry price
 *   becomes the size-weighted average; entryTime stays the first entry's). A fill against it
 *   reduces it and books the reduced units as a Trade; a fill larger than the position closes it
 *   and opens the rest the other way (a reversal: new trade id, entry time and price of this fill).
 *   A position closed in several parts gives several Trade records sharing its trade id.
 * - Commission = commissionPerLot × units / lotSize on every fill, taken from the balance at the
 *   fill. A Trade carries the closed units' proportional share of the entry commission plus its
 *   exit commission (the reversing fill's commission is split by units between the closed trade
 *   and the new position); netPnl = grossPnl − commission.
 * - grossPnl = (exit − entry) × units for a long, (entry − exit) × units for a short; balance =
 *   start + Σ grossPnl of closed parts − all commissions paid. No margin, leverage, swap or
 *   financing: the balance can go negative and nothing is liquidated.
 * - Stops of an order: a position opened (or reversed) by the fill takes the order's stops
 *   (null = none); a fill that adds replaces each stop the order sets (non-null) and keeps the
 *   other; a fill that only reduces leaves the stops alone.
 */
import type { SymbolBook } from './symbol-book.ts';
import type { ExitReason, OrderSide, Trade, TradeSink } from './types.ts';

/** The stops an order carries to its position. */
export interface StopSource {
  stopLoss: number | null;
  takeProfit: number | null;
}

export class Ledger {
  balance: number;
  nextTradeId = 1;
  /** Number of symbols with a non-flat position (exposure accounting). */
  openPositions = 0;
  sink: TradeSink | null;
  private readonly lotSize: number;
  private readonly commissionPerLot: number;

  constructor(balance: number, lotSize: number, commissionPerLot: number, sink: TradeSink | null) {
    this.balance = balance;
    this.lotSize = lotSize;
    this.commissionPerLot = commissionPerLot;
    this.sink = sink;
  }

  /** Applies one fill of `units` (> 0) at `price`; `reason` is the exit reason of any closed part. */
  fill(
    b: SymbolBook,
    side: OrderSide,
    units: number,
    price: number,
    time: number,
    reason: ExitReason,
    stops: StopSource | null,
  ): void {
    const commission = (this.commissionPerLot * units) / this.lotSize;
    this.balance -= commission;
    const signed = side === 'buy' ? units : -units;
    let trade: Trade | null = null;
    if (b.size === 0) {
      this.open(b, signed, price, time, commission, stops);
      this.openPositions++;
    } else if (b.size > 0 === signed > 0) {
      const held = Math.abs(b.size);
      b.entryPrice = (b.entryPrice * held + price * units) / (held + units);
      b.size += signed;
      b.entryCommission += commission;
      if (stops !== null && stops.stopLoss !== null) b.stopLoss = stops.stopLoss;
      if (stops !== null && stops.takeProfit !== null) b.takeProfit = stops.takeProfit;
      if (stops !== null && (stops.stopLoss !== null || stops.takeProfit !== null)) {
        b.stopsFresh = true;
      }
    } else {
      const held = Math.abs(b.size);
      const closed = Math.min(units, held);
      const exitCommission = closed === units ? commission : (commission * closed) / units;
      trade = this.close(b, closed, price, time, reason, exitCommission);
      if (units > held) {
        const rest = units - held;
        const restCommission = commission - exitCommission;
        this.open(b, side === 'buy' ? rest : -rest, price, time, restCommission, stops);
      } else if (b.size === 0) this.openPositions--;
    }
    b.refreshWork();
    if (trade !== null && this.sink !== null) this.sink.onTrade(trade);
  }

  private open(
    b: SymbolBook,
    size: number,
    price: number,
    time: number,
    commission: number,
    stops: StopSource | null,
  ): void {
    b.size = size;
    b.entryPrice = price;
    b.entryTime = time;
    b.entryCommission = commission;
    b.stopLoss = stops === null ? null : stops.stopLoss;
    b.takeProfit = stops === null ? null : stops.takeProfit;
    b.stopsFresh = b.stopLoss !== null || b.takeProfit !== null;
    b.tradeId = this.nextTradeId++;
  }

  /** Books `units` (<= the position) as a Trade and shrinks the position; flat if all went. */
  private close(
    b: SymbolBook,
    units: number,
    price: number,
    time: number,
    reason: ExitReason,
    exitCommission: number,
  ): Trade {
    const long = b.size > 0;
    const held = Math.abs(b.size);
    const all = units === held;
    const entryShare = all ? b.entryCommission : (b.entryCommission * units) / held;
    const grossPnl = long ? (price - b.entryPrice) * units : (b.entryPrice - price) * units;
    const commission = entryShare + exitCommission;
    this.balance += grossPnl;
    const trade: Trade = {
      id: b.tradeId,
      symbol: b.name,
      side: long ? 'long' : 'short',
      size: units,
      entryTime: b.entryTime,
      entryPrice: b.entryPrice,
      exitTime: time,
      exitPrice: price,
      exitReason: reason,
      grossPnl,
      commission,
      swap: 0,
      netPnl: grossPnl - commission,
      // Issue 12 (engine helper): swaps, excursions and conversion replace these placeholders.
      maePips: 0,
      maeMoney: 0,
      mfePips: 0,
      mfeMoney: 0,
    };
    if (all) b.flatten();
    else {
      b.size = long ? b.size - units : b.size + units;
      b.entryCommission -= entryShare;
    }
    return trade;
  }
}
