/** Fixed formats for numbers and times, the same on every machine (en-US digits, ISO-like dates). */

import { grouped } from '../../../shared/report-format.ts';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** 1,234,567 */
export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : intFormat.format(n);
}

/** 1,234.50 with exactly `digits` decimals (the report's one grouped format). */
export function fmtFixed(n: number | null | undefined, digits = 2): string {
  return grouped(n, digits);
}

/** 42.0% */
export function fmtPct(pct: number, digits = 1): string {
  return `${fmtFixed(pct, digits)}%`;
}

/** Market time, UTC: 2024-01-02 13:45:06 (tick data is stored in UTC). */
export function fmtUtc(ms: number | null | undefined, seconds = true): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${date} ${time}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** Wall-clock time on this machine: 2024-01-02 14:45:06. */
export function fmtLocal(ms: number | null | undefined, seconds = true): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${date} ${time}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
}

/** 1.2 MB */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmtFixed(n / 1024, 1)} KB`;
  return `${fmtFixed(n / (1024 * 1024), 1)} MB`;
}

/** 1h 02m 03s / 2m 03s / 4s */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s % 60)}s`;
  if (m > 0) return `${m}m ${pad(s % 60)}s`;
  return `${s}s`;
}
