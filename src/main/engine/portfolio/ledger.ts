/**
 * The account: applies fills to netted positions, books the closed parts as trades and keeps
 * the realised balance.
 *
 * - One netted position per symbol. A fill in the position's direction adds to it (entry price
 *   becomes the size-weighted average; entryTime stays the first entry's). A fill against it
 *   reduces it and books the reduced units as a Trade; a fill larger than the position closes it
 *   and opens the rest the other way (a reversal: new trade id, entry time and price of this fill).
 *   A position closed in several parts gives several Trade records sharing its trade id.
 * - Commission = commissionPerLot × units / contractSize (the symbol's spec; account currency,
 *   as MT5) on every fill, taken from the balance at the fill. A Trade carries the closed units'
 *   proportional share of the entry commission plus its exit commission (the reversing fill's
 *   commission is split by units between the closed trade and the new position).
 * - grossPnl = (exit − entry) × units for a long, (entry − exit) × units for a short, in the quote
 *   currency, times the quote→account rate at the exit; the closed units take their proportional
 *   share of the swaps accrued on the position (swaps.ts); netPnl = grossPnl − commission + swap;
 *   balance = start + Σ (grossPnl + swap) of closed parts − all commissions paid. Margin, refusal
 *   and stop-out are the portfolio's (margin.ts, stop-out.ts); the ledger books what it is given.
 * - MAE/MFE of the closed units come from the position's extremes (excursion.ts); a position that
 *   opens (or reverses) starts its extremes at the fill price and its swaps at 0.
 * - Stops of an order: a position opened (or reversed) by the fill takes the order's stops
 *   (null = none); a fill that adds replaces each stop the order sets (non-null) and keeps the
 *   other; a fill that only reduces leaves the stops alone.
 */
import { excursionOf } from './excursion.ts';
import type { QuoteRates } from './quote-rates.ts';
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
  private readonly commissionPerLot: number;
  private readonly rates: QuoteRates;

  constructor(
    balance: number,
    commissionPerLot: number,
    rates: QuoteRates,
    sink: TradeSink | null,
  ) {
    this.balance = balance;
    this.commissionPerLot = commissionPerLot;
    this.rates = rates;
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
    const commission = (this.commissionPerLot * units) / b.spec.contractSize;
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
    b.swap = 0;
    b.worstPrice = price;
    b.bestPrice = price;
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
    const rate = this.rates.at(b.index, time);
    const quotePnl = long ? (price - b.entryPrice) * units : (b.entryPrice - price) * units;
    const grossPnl = quotePnl * rate;
    const commission = entryShare + exitCommission;
    const swap = all ? b.swap : (b.swap * units) / held;
    this.balance += grossPnl + swap;
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
      swap,
      netPnl: grossPnl - commission + swap,
      ...excursionOf(b, units, rate),
      stopLoss: b.stopLoss,
      takeProfit: b.takeProfit,
    };
    if (all) b.flatten();
    else {
      b.size = long ? b.size - units : b.size + units;
      b.entryCommission -= entryShare;
      b.swap -= swap;
    }
    return trade;
  }
}
