import type { RateSource } from './types.ts';

/**
 * The quote→account rate of a symbol at a time, as the portfolio reads it: from the run's
 * RateSource, or 1 when there is none (a pre-issue-12 run keeps P&L in each quote currency, and a
 * run without a source is one whose symbols are all quoted in the account currency). Asked only
 * where money changes hands or is valued, never for a tick that merely passes.
 */
export class QuoteRates {
  private readonly source: RateSource | null;

  constructor(source: RateSource | null) {
    this.source = source;
  }

  at(symbol: number, time: number): number {
    return this.source === null ? 1 : this.source.quoteRate(symbol, time);
  }
}
