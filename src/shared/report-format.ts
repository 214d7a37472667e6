/**
 * How a trader reads the figures of a report, the same in the CLI and the app: money with
 * thousands separators and 2 decimals (and the account currency when given), sizes in lots,
 * holding times in minutes/hours or days, percentages. en-US digits on every machine, so tests
 * and exports do not depend on the locale; '—' for a figure that is undefined (null, NaN, ±∞).
 */

export const NONE = '—';

const formats = new Map<number, Intl.NumberFormat>();

const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || !Number.isFinite(x);

/** x with `dp` decimals and thousands separators (12,345.60); -0 is written 0. */
export function grouped(x: number | null | undefined, dp = 2): string {
  if (missing(x)) return NONE;
  let f = formats.get(dp);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: dp, maximumFractionDigits: dp });
    formats.set(dp, f);
  }
  // Rounding can turn a tiny negative into "-0.00": a figure that shows as zero has no sign.
  const text = f.format(x);
  return /^-[0.,]+$/.test(text) ? text.slice(1) : text;
}

/** '12,345.60 USD' (or '12,345.60' without a currency). */
export function formatMoney(x: number | null | undefined, currency?: string | null): string {
  const text = grouped(x, 2);
  return currency && text !== NONE ? `${text} ${currency}` : text;
}

/** '1.50 lots' (a lot is the symbol's contract size). */
export function formatLots(lots: number | null | undefined): string {
  const text = grouped(lots, 2);
  return text === NONE ? NONE : `${text} ${text === '1.00' ? 'lot' : 'lots'}`;
}

/** '12.35%'. */
export function formatPercent(x: number | null | undefined, dp = 2): string {
  return missing(x) ? NONE : `${grouped(x, dp)}%`;
}

/** A ratio (profit factor, Sharpe): plain decimals. */
export function formatRatio(x: number | null | undefined, dp = 2): string {
  return grouped(x, dp);
}

/** A count: '1,234'. */
export function formatCount(x: number | null | undefined): string {
  return grouped(x, 0);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A holding time: '45s', '12m', '5h 12m' under a day, '2.4 days' from one day on (traders
 * compare swing trades in days; minutes would be noise there).
 */
export function formatHolding(ms: number | null | undefined): string {
  if (missing(ms) || ms < 0) return NONE;
  if (ms >= DAY) {
    const days = grouped(ms / DAY, 1);
    return `${days} ${days === '1.0' ? 'day' : 'days'}`;
  }
  const minutes = Math.floor(ms / MINUTE);
  if (minutes === 0) return `${Math.round(ms / 1000)}s`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

/** Leverage as brokers write it: '1:30'; null is unlimited. */
export function formatLeverage(leverage: number | null | undefined): string {
  return leverage === null || leverage === undefined ? 'unlimited' : `1:${grouped(leverage, 0)}`;
}

/** Minutes after 00:00 UTC as '22:00 UTC'. */
export function formatRollover(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)} UTC`;
}
