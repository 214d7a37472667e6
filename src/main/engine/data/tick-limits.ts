/**
 * The one valid range of a stored tick, whatever wrote it (every CSV format, the generator).
 * Values outside it are refused on the way in, because the rest cannot handle them: a time past
 * JavaScript's Date range breaks `data list` and the run loop, a price of 1e308 overflows P&L
 * and equity to Infinity and then NaN.
 *
 * Times: 1980-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, for ISO and epoch alike.
 * - The floor is above 1e11 ms (1973-03-03) on purpose: every epoch-*seconds* value up to the
 *   year 5138 is below 1e11, so one written where milliseconds belong is always refused (with
 *   a hint) and never stored as a date in 1970. No electronic tick data predates 1980.
 * - The ceiling is the last instant a four-digit ISO year can write.
 * Prices: finite, > 0 and at most 1e9 (a sane bound above any quoted instrument; P&L of the
 * largest position at that price stays far inside float64's exact range).
 * Volumes: finite, >= 0 and at most 1e15.
 */
export const MIN_TICK_TIME_MS = Date.UTC(1980, 0, 1);
export const MAX_TICK_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const MAX_PRICE = 1e9;
export const MAX_VOLUME = 1e15;

export const MIN_TICK_TIME_TEXT = '1980-01-01T00:00:00.000Z';
export const MAX_TICK_TIME_TEXT = '9999-12-31T23:59:59.999Z';

/** Why `ts` cannot be a tick time, or null when it can. */
export function tickTimeProblem(ts: number): string | null {
  if (!(ts >= MIN_TICK_TIME_MS)) {
    const when = Number.isFinite(ts) ? `${new Date(ts).toISOString()}, ` : '';
    return `is ${when}before the earliest supported time ${MIN_TICK_TIME_TEXT}`;
  }
  if (!(ts <= MAX_TICK_TIME_MS)) return `is after the latest supported time ${MAX_TICK_TIME_TEXT}`;
  return null;
}

/** True when a number written as epoch *seconds* would be a valid tick time. */
export function plausibleEpochSeconds(value: number): boolean {
  return tickTimeProblem(value * 1000) === null;
}

/** Why `p` cannot be a price, or null when it can. */
export function priceProblem(p: number): string | null {
  if (!(p > 0)) return `must be > 0, got ${p}`;
  if (!(p <= MAX_PRICE)) return `must be at most ${MAX_PRICE}, got ${p}`;
  return null;
}

/** Why `v` cannot be a volume, or null when it can. NaN (no volume given) is allowed. */
export function volumeProblem(v: number): string | null {
  if (v < 0) return `must be >= 0, got ${v}`;
  if (v > MAX_VOLUME) return `must be at most ${MAX_VOLUME}, got ${v}`;
  return null;
}
