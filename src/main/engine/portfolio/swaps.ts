/**
 * Swaps (overnight financing), charged at the daily rollover as brokers do:
 * - the rollover instants are each day's 00:00 UTC + rolloverMinutes;
 * - at the first tick (of any symbol) at or after the next instant, before that tick's fills,
 *   every open position is charged once per instant passed whose UTC weekday is Monday–Friday
 *   (a weekend gap passes Saturday's and Sunday's instants without charge — the triple day pays
 *   for the weekend instead);
 * - charge = lots × (swapLong | swapShort) × (3 on the spec's tripleSwapDay, else 1), where
 *   'points' mode is in points of price: × 10^-digits × contractSize × the quote→account rate at
 *   the charging tick; 'money' mode is already account currency per lot;
 * - the charge accrues on the position (equity sees it at once) and reaches the balance when the
 *   units close (ledger.ts).
 */
import type { QuoteRates } from './quote-rates.ts';
import type { SymbolBook } from './symbol-book.ts';

const DAY_MS = 86_400_000;

/** The first rollover instant strictly after `time`. */
export function rolloverAfter(time: number, rolloverMinutes: number): number {
  const instant = Math.floor(time / DAY_MS) * DAY_MS + rolloverMinutes * 60_000;
  return instant > time ? instant : instant + DAY_MS;
}

/** UTC weekday of a time as getUTCDay numbers it (0 = Sunday); 1970-01-01 was a Thursday. */
export function utcWeekday(time: number): number {
  return (((Math.floor(time / DAY_MS) + 4) % 7) + 7) % 7;
}

/** Swap of one open position for the rollover at `instant`, account currency (0 on weekends). */
export function swapCharge(b: SymbolBook, instant: number, rate: number): number {
  const weekday = utcWeekday(instant);
  if (weekday === 0 || weekday === 6) return 0;
  const s = b.spec;
  const perLot = b.size > 0 ? s.swapLong : s.swapShort;
  if (perLot === 0) return 0;
  const nights = weekday === s.tripleSwapDay ? 3 : 1;
  const lots = Math.abs(b.size) / s.contractSize;
  if (s.swapMode === 'money') return lots * perLot * nights;
  return lots * perLot * nights * 10 ** -s.digits * s.contractSize * rate;
}

/**
 * Charges every instant from `next` up to `time` to the open positions; returns the next instant
 * still ahead. The rate is the one at `time`, the tick that does the charging.
 */
export function chargeRollovers(
  books: readonly SymbolBook[],
  next: number,
  time: number,
  rates: QuoteRates,
): number {
  while (next <= time) {
    for (let i = 0; i < books.length; i++) {
      const b = books[i];
      if (b.size === 0) continue;
      const charge = swapCharge(b, next, 1);
      if (charge === 0) continue;
      b.swap += b.spec.swapMode === 'money' ? charge : charge * rates.at(i, time);
    }
    next += DAY_MS;
  }
  return next;
}
