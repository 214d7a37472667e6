/**
 * Maximum adverse and favourable excursion (MAE/MFE) of a position: how far the market went
 * against it and in its favour while it was held. The book tracks the worst and best valuation
 * price since entry — a long is valued at the bid, a short at the ask, as it would close —
 * starting at the entry price. Adds keep the extremes (the position goes on); a reversal opens a
 * new position and starts fresh (ledger.ts). Ticks of the symbol update them before its fills.
 */
import type { SymbolBook } from './symbol-book.ts';

/** Widens the extremes with the book's current quote; the position must be open. */
export function trackExcursion(b: SymbolBook): void {
  if (b.size > 0) {
    if (b.bid < b.worstPrice) b.worstPrice = b.bid;
    if (b.bid > b.bestPrice) b.bestPrice = b.bid;
  } else {
    if (b.ask > b.worstPrice) b.worstPrice = b.ask;
    if (b.ask < b.bestPrice) b.bestPrice = b.ask;
  }
}

export interface Excursion {
  maePips: number;
  maeMoney: number;
  mfePips: number;
  mfeMoney: number;
}

/**
 * The excursions of `units` closed units, measured from the (average) entry price: in pips of the
 * symbol's spec and in account money at the exit's quote→account `rate`. Never negative: an entry
 * averaged beyond an extreme by an add counts as no excursion that way.
 */
export function excursionOf(b: SymbolBook, units: number, rate: number): Excursion {
  const long = b.size > 0;
  const adverse = Math.max(0, long ? b.entryPrice - b.worstPrice : b.worstPrice - b.entryPrice);
  const favourable = Math.max(0, long ? b.bestPrice - b.entryPrice : b.entryPrice - b.bestPrice);
  const pip = b.spec.pipSize;
  return {
    maePips: adverse / pip,
    maeMoney: adverse * units * rate,
    mfePips: favourable / pip,
    mfeMoney: favourable * units * rate,
  };
}
