/**
 * The broker options of `run` and `sweep` (issue 12): `--account-currency USD`, `--leverage 30`
 * (or 1:30; 0 = unlimited), `--stop-out 50`, `--rollover 22:00` (UTC), `--rate JPY=0.0067`
 * (repeatable) and `--lot-size`, which now overrides every symbol's contract size. Only the
 * options given are set: prepareRun fills the defaults and checks what depends on the data.
 */
import type { MoneyRequest } from '../services/runs/run-request.ts';
import { parseNumber } from './options.ts';
import { UsageError } from './usage.ts';

export const MONEY_OPTIONS = {
  'account-currency': { type: 'string' },
  leverage: { type: 'string' },
  'stop-out': { type: 'string' },
  rollover: { type: 'string' },
  rate: { type: 'string', multiple: true, default: [] as string[] },
  'lot-size': { type: 'string' },
} as const;

export interface MoneyValues {
  'account-currency'?: string;
  leverage?: string;
  'stop-out'?: string;
  rollover?: string;
  rate?: string[];
  'lot-size'?: string;
}

/** `30` or `1:30` → 30; `0` → null (unlimited). */
function leverageOf(text: string): number | null {
  const m = /^\s*1\s*:\s*(.+)$/.exec(text);
  const n = parseNumber('leverage', m ? m[1] : text);
  if (n < 0) throw new UsageError(`--leverage must be >= 0 (0 = unlimited), got '${text}'`);
  return n === 0 ? null : n;
}

/** `HH:MM` (UTC) → minutes after midnight. */
function rolloverOf(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new UsageError(`--rollover must be a UTC time of day HH:MM (e.g. 22:00), got '${text}'`);
  return minutes;
}

/** `JPY=0.0067` (repeatable) → { JPY: 0.0067 }: account-currency value of one unit of JPY. */
function ratesOf(texts: string[]): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const text of texts) {
    const m = /^([A-Za-z0-9]{3})=(.+)$/.exec(text.trim());
    if (!m) throw new UsageError(`--rate must be CUR=RATE (e.g. JPY=0.0067), got '${text}'`);
    const cur = m[1].toUpperCase();
    if (cur in rates) throw new UsageError(`--rate ${cur} is given twice`);
    const rate = parseNumber('rate', m[2]);
    if (!(rate > 0)) throw new UsageError(`--rate ${cur} must be a positive number, got '${m[2]}'`);
    rates[cur] = rate;
  }
  return rates;
}

export function moneyRequestOf(v: MoneyValues): MoneyRequest {
  const req: MoneyRequest = {};
  if (v['account-currency'] !== undefined) req.currency = v['account-currency'].toUpperCase();
  if (v.leverage !== undefined) req.leverage = leverageOf(v.leverage);
  if (v['stop-out'] !== undefined) req.stopOutPct = parseNumber('stop-out', v['stop-out']);
  if (v.rollover !== undefined) req.rolloverMinutes = rolloverOf(v.rollover);
  if (v.rate !== undefined && v.rate.length > 0) req.rates = ratesOf(v.rate);
  if (v['lot-size'] !== undefined) req.contractSize = parseNumber('lot-size', v['lot-size']);
  return req;
}
