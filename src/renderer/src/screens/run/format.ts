/**
 * Number and time formatting shared by the run, checkpoints and results screens: fixed decimals
 * (prices 5 dp, money 2 dp, percentages 1–2 dp) so that right-aligned columns line up; every
 * figure with thousands separators (en-US, shared/report-format.ts, like the rest of the app)
 * except prices, which traders read digit by digit as quoted; '—' for a missing value; times in
 * UTC (simulated time is market time).
 */
import { grouped, NONE } from '../../../../shared/report-format.ts';

export const PRICE_DP = 5;
export const MONEY_DP = 2;

export const DASH = NONE;

const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || !Number.isFinite(x);

/** x with `dp` decimals and thousands separators (ratios, sizes, pips, ms); '—' for none. */
export function fixed(x: number | null | undefined, dp: number): string {
  return grouped(x, dp);
}
/** x with `dp` decimals and thousands separators: 12,345.60. */
export function group(x: number | null | undefined, dp: number): string {
  return grouped(x, dp);
}
/** A price as quoted: `dp` decimals, no grouping (1.08512). */
function quote(x: number | null | undefined, dp: number): string {
  return missing(x) ? DASH : (x === 0 ? 0 : x).toFixed(dp);
}
export const price = (x: number | null | undefined): string => quote(x, PRICE_DP);
export const money = (x: number | null | undefined): string => group(x, MONEY_DP);
export const count = (x: number | null | undefined): string => group(x, 0);
export const percent = (x: number | null | undefined, dp = 2): string =>
  missing(x) ? DASH : `${group(x, dp)}%`;

/** A change with its sign: '+3', '-0.50000', '+1,250.00' (grouped when dp is MONEY_DP or 0). */
export function signed(x: number | null | undefined, dp: number): string {
  if (missing(x)) return DASH;
  const s = dp === PRICE_DP ? quote(x, dp) : group(x, dp);
  return x > 0 ? `+${s}` : s;
}

/** 'pos' / 'neg' / '' for colouring a figure by its sign. */
export function tone(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x) || x === 0) return '';
  return x > 0 ? 'pos' : 'neg';
}

function toDate(t: number | string | null | undefined): Date | null {
  if (t === null || t === undefined) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 'YYYY-MM-DD HH:mm:ss' UTC from ms or an ISO string; '—' for none. */
export function utc(t: number | string | null | undefined): string {
  const d = toDate(t);
  return d ? d.toISOString().slice(0, 19).replace('T', ' ') : DASH;
}

/** 'YYYY-MM-DD HH:mm' UTC: chart ticks and compact cells. */
export function utcMinute(t: number | string | null | undefined): string {
  const d = toDate(t);
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : DASH;
}

/** 'YYYY-MM-DD' UTC. */
export function utcDate(t: number | string | null | undefined): string {
  const d = toDate(t);
  return d ? d.toISOString().slice(0, 10) : DASH;
}

/** Local wall-clock time (when something happened on this machine). */
export function wall(t: number | string | null | undefined): string {
  const d = toDate(t);
  if (!d) return DASH;
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

/** Seconds as '45s', '3m 05s', '2h 03m 05s'; '—' for none. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return DASH;
  }
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${p(m)}m ${p(r)}s`;
  if (m > 0) return `${m}m ${p(r)}s`;
  return `${r}s`;
}

/** Byte sizes: '512 B', '12.3 KB', '4.56 MB'. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MB`;
}

/** A time-axis label format for a span of `spanMs`: dates for long spans, else day and time. */
export function timeAxisLabel(spanMs: number): (t: number) => string {
  if (spanMs > 3 * 86_400_000) return utcDate;
  return (t) => {
    const d = toDate(t);
    return d ? d.toISOString().slice(5, 16).replace('T', ' ') : DASH;
  };
}
