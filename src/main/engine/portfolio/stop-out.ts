/**
 * The broker's stop-out: with leverage set, after each tick's fills and stops, while any position
 * is open and the margin level (equity / used margin × 100) is at or below stopOutPct, the whole
 * position with the most negative unrealised P&L in the account currency (a tie: the lower symbol
 * index) is closed at market — a long at bid − slippage, a short at ask + slippage, at that
 * symbol's last quote — at the tick's time, exit reason 'stop-out'. Then the level is measured
 * again: the next loser closes only if the account is still at or below the level.
 */
import { accountFigures, quotePnl, type AccountFigures } from './margin.ts';
import type { Ledger } from './ledger.ts';
import type { QuoteRates } from './quote-rates.ts';
import type { SymbolBook } from './symbol-book.ts';

const figures: AccountFigures = { equity: 0, used: 0 };

export function stopOut(
  books: readonly SymbolBook[],
  ledger: Ledger,
  rates: QuoteRates,
  time: number,
  leverage: number,
  stopOutPct: number,
  slippage: number,
): void {
  while (ledger.openPositions > 0) {
    accountFigures(books, ledger.balance, rates, time, leverage, figures);
    if (!(figures.used > 0) || (figures.equity / figures.used) * 100 > stopOutPct) return;
    let worst: SymbolBook | null = null;
    let worstPnl = Infinity;
    for (let i = 0; i < books.length; i++) {
      const b = books[i];
      if (b.size === 0) continue;
      const pnl = quotePnl(b) * rates.at(i, time);
      if (worst === null || pnl < worstPnl) {
        worst = b;
        worstPnl = pnl;
      }
    }
    const b = worst!;
    const long = b.size > 0;
    const price = long ? b.bid - slippage : b.ask + slippage;
    ledger.fill(b, long ? 'sell' : 'buy', Math.abs(b.size), price, time, 'stop-out', null);
  }
}
