/**
 * A symbol's trading specification, as a broker publishes it (MT5's "symbol properties"): how its
 * prices are written, what one lot is, which currencies it is quoted in, what holding it overnight
 * costs and how much margin it needs. Stored with the data (symbol_specs), edited with
 * `backtestr data spec` and on the Data screen, and copied into every run's config so a run keeps
 * the specification it used even when the stored one changes later.
 */
import { z } from 'zod';

/** Weekday numbers as JavaScript's getUTCDay: 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const currencySchema = z.string().regex(/^[A-Z0-9]{3}$/, 'a currency is 3 letters (USD)');

export const symbolSpecSchema = z.strictObject({
  /** Decimal places of a price; one point = 10^-digits. */
  digits: z.number().int().min(0).max(10),
  /** Price distance of one pip (EURUSD 0.0001, USDJPY 0.01). */
  pipSize: z.number().positive().finite(),
  /** Units of the base per lot (FX 100 000, XAUUSD 100). */
  contractSize: z.number().positive().finite(),
  base: currencySchema,
  /** Currency of prices and of P&L before conversion to the account currency. */
  quote: currencySchema,
  /**
   * Swap per lot per night for a long / short position: in points of price ('points', converted
   * like P&L) or in account-currency money ('money'). Negative = the trader pays.
   */
  swapLong: z.number().finite(),
  swapShort: z.number().finite(),
  swapMode: z.enum(['points', 'money']),
  /** The weekday whose rollover charges three nights (the weekend), 0–6; FX: Wednesday (3). */
  tripleSwapDay: z.number().int().min(0).max(6),
  /** Multiplier of the margin a lot needs (1 = notional / leverage). */
  marginRate: z.number().positive().finite(),
});

export type SymbolSpec = z.infer<typeof symbolSpecSchema>;

/** Metals quoted like FX pairs but with their own lot and precision. */
const METALS: Record<string, { contractSize: number; digits: number; pipSize: number }> = {
  XAU: { contractSize: 100, digits: 2, pipSize: 0.01 },
  XAG: { contractSize: 5000, digits: 3, pipSize: 0.001 },
};

/**
 * The specification a symbol gets until someone edits it, from its name alone: an FX pair
 * `BASEQUOTE` (six letters, an optional suffix such as `EURUSD.m` ignored) gets 5 digits and a
 * 0.0001 pip (3 digits and 0.01 for JPY-quoted pairs), a 100 000 contract and no swaps; XAU/XAG
 * pairs get their metal lot. Any other name is a CFD in USD with 2 digits and a contract of 1.
 */
export function defaultSymbolSpec(name: string): SymbolSpec {
  const common = { swapLong: 0, swapShort: 0, swapMode: 'points' as const, marginRate: 1 };
  const m = /^([A-Z]{3})([A-Z]{3})(?:$|[^A-Z])/.exec(name.toUpperCase());
  if (!m) {
    const base = /^[A-Z]{3}/.exec(name.toUpperCase())?.[0] ?? 'XXX';
    return {
      digits: 2,
      pipSize: 0.01,
      contractSize: 1,
      base,
      quote: 'USD',
      tripleSwapDay: 5,
      ...common,
    };
  }
  const [, base, quote] = m;
  const metal = METALS[base];
  if (metal) return { ...metal, base, quote, tripleSwapDay: 3, ...common };
  const jpy = quote === 'JPY';
  return {
    digits: jpy ? 3 : 5,
    pipSize: jpy ? 0.01 : 0.0001,
    contractSize: 100_000,
    base,
    quote,
    tripleSwapDay: 3,
    ...common,
  };
}
