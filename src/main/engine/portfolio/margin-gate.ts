/**
 * The margin check of an order when it would fill (not when placed, as a broker checks at
 * execution): a fill that adds exposure — the position's size grows in absolute terms — needs
 * the margin it adds (new position's margin − old position's, both at the fill price and the
 * current rate) to be at most the free margin at that moment (equity − used margin). Otherwise
 * the order is refused: removed without filling and reported to the sink's onReject with the
 * amounts. Reduce-only orders, stop-loss and take-profit never come here (tick-matcher.ts).
 */
import { accountFigures, marginOf, type AccountFigures } from './margin.ts';
import { grouped } from '../../../shared/report-format.ts';
import type { Ledger } from './ledger.ts';
import type { QuoteRates } from './quote-rates.ts';
import type { QueuedOrder, SymbolBook } from './symbol-book.ts';
import type { FillGate } from './tick-matcher.ts';

export class MarginGate implements FillGate {
  private readonly books: readonly SymbolBook[];
  private readonly ledger: Ledger;
  private readonly rates: QuoteRates;
  private readonly leverage: number;
  private readonly currency: string;
  private readonly figures: AccountFigures = { equity: 0, used: 0 };

  constructor(
    books: readonly SymbolBook[],
    ledger: Ledger,
    rates: QuoteRates,
    leverage: number,
    currency: string,
  ) {
    this.books = books;
    this.ledger = ledger;
    this.rates = rates;
    this.leverage = leverage;
    this.currency = currency;
  }

  allowsFill(b: SymbolBook, o: QueuedOrder, units: number, price: number): boolean {
    const signed = o.side === 'buy' ? units : -units;
    const added = Math.abs(b.size + signed) - Math.abs(b.size);
    if (added <= 0) return true;
    const time = b.time;
    const rate = this.rates.at(b.index, time);
    const needed = marginOf(b, added, price, rate, this.leverage);
    const f = accountFigures(
      this.books,
      this.ledger.balance,
      this.rates,
      time,
      this.leverage,
      this.figures,
    );
    const free = f.equity - f.used;
    if (needed <= free) return true;
    const c = this.currency;
    this.ledger.sink?.onReject?.({
      time,
      orderId: o.id,
      symbol: b.name,
      side: o.side,
      size: o.size,
      reason: `not enough free margin: needs ${grouped(needed)} ${c}, free ${grouped(free)} ${c}`,
      requiredMargin: needed,
      freeMargin: free,
    });
    return false;
  }
}
