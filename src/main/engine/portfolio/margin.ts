/**
 * Margin and the account's valued state (common rules in docs/money.md):
 * - margin of u units at price p = u × p × rate × marginRate / leverage, in the account currency
 *   (p × u is the notional in the quote currency, rate converts it); an open position is valued
 *   at its valuation price (bid for a long, ask for a short) and the current rate;
 * - equity = balance + Σ unrealised P&L (converted) + Σ swaps accrued on open positions;
 * - free margin = equity − used margin; margin level = equity / used × 100 (null when none used).
 * Leverage null (unlimited) means no margin at all.
 */
import type { QuoteRates } from './quote-rates.ts';
import type { SymbolBook } from './symbol-book.ts';

export function marginOf(
  b: SymbolBook,
  units: number,
  price: number,
  rate: number,
  leverage: number,
): number {
  return (units * price * rate * b.spec.marginRate) / leverage;
}

/** Open P&L of the position at its last quote, in the quote currency (0 when flat). */
export function quotePnl(b: SymbolBook): number {
  if (b.size === 0) return 0;
  return b.size > 0 ? (b.bid - b.entryPrice) * b.size : (b.entryPrice - b.ask) * -b.size;
}

/** Equity and used margin together, filled into a reused object (the per-tick stop-out check). */
export interface AccountFigures {
  equity: number;
  used: number;
}

export function accountFigures(
  books: readonly SymbolBook[],
  balance: number,
  rates: QuoteRates,
  time: number,
  leverage: number | null,
  out: AccountFigures,
): AccountFigures {
  let equity = balance;
  let used = 0;
  for (let i = 0; i < books.length; i++) {
    const b = books[i];
    if (b.size === 0) continue;
    const rate = rates.at(i, time);
    equity += quotePnl(b) * rate + b.swap;
    if (leverage !== null)
      used += marginOf(b, Math.abs(b.size), b.valuationPrice(), rate, leverage);
  }
  out.equity = equity;
  out.used = used;
  return out;
}
