/** Client-side checks that mirror the contract's schemas, so mistakes show next to the field. */

export const SYMBOL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export function symbolProblem(s: string): string | null {
  if (s.trim() === '') return 'Enter a symbol, e.g. EURUSD';
  return SYMBOL_RE.test(s.trim()) ? null : 'Use letters, digits, . _ - (up to 32)';
}

/** An integer in [min, max] typed as text; returns the number or a message. */
export function intField(
  text: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): { value: number; problem: null } | { value: null; problem: string } {
  const t = text.trim();
  if (t === '') return { value: null, problem: 'Required' };
  const n = Number(t);
  if (!Number.isInteger(n)) return { value: null, problem: 'A whole number' };
  if (n < min || n > max)
    return {
      value: null,
      problem: max === Number.MAX_SAFE_INTEGER ? `At least ${min}` : `From ${min} to ${max}`,
    };
  return { value: n, problem: null };
}

const CURRENCIES = new Set(
  'EUR USD GBP JPY CHF AUD NZD CAD SEK NOK DKK PLN HUF CZK TRY ZAR MXN SGD HKD CNH XAU XAG'.split(
    ' ',
  ),
);

/** EURUSD from "EURUSD_ticks_2024.csv" or "eurusd-2024-01.csv"; null when not a currency pair. */
export function guessSymbol(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /^([A-Za-z]{3})[/_-]?([A-Za-z]{3})(?![A-Za-z])/.exec(base);
  if (!m) return null;
  const a = m[1].toUpperCase();
  const b = m[2].toUpperCase();
  return CURRENCIES.has(a) && CURRENCIES.has(b) ? a + b : null;
}
