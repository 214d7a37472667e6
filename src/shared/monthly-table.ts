/**
 * The monthly returns table of a report: one row per year, one column per month, and the
 * year-to-date return. The rows come from the run's MonthlyReturn list ('YYYY-MM', profit,
 * returnPct against the previous month's closing equity).
 *
 * YTD compounds the months of the year: Π(1 + r/100) − 1. Each month's return is measured
 * against the previous month's closing equity, so the product is the year's profit over the
 * equity the year started with — the figure a trader expects. A month that is not in the list
 * (no equity sample in it) is an empty cell and counts as 0 %; a month with an undefined return
 * (previous equity <= 0) makes the year's YTD undefined too.
 */
import type { MonthlyReturnDto } from './dto.ts';

export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

export interface MonthlyYear {
  year: number;
  /** Index 0 = January; null where the run has no figure for that month. */
  months: (MonthlyReturnDto | null)[];
  /** Compounded return of the year's months, percent; null when a month's return is undefined. */
  ytdPct: number | null;
  /** Σ profit of the year's months (account currency). */
  ytdProfit: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** Years in ascending order; entries whose month is not 'YYYY-MM' are ignored. */
export function monthlyTable(monthly: readonly MonthlyReturnDto[]): MonthlyYear[] {
  const years = new Map<number, MonthlyYear>();
  for (const m of monthly) {
    const match = MONTH.exec(m.month);
    if (!match) continue;
    const year = Number(match[1]);
    const index = Number(match[2]) - 1;
    if (index < 0 || index > 11) continue;
    let row = years.get(year);
    if (!row) {
      row = {
        year,
        months: Array<MonthlyReturnDto | null>(12).fill(null),
        ytdPct: 0,
        ytdProfit: 0,
      };
      years.set(year, row);
    }
    row.months[index] = m;
  }
  const rows = [...years.values()].sort((a, b) => a.year - b.year);
  for (const row of rows) {
    let growth = 1;
    let defined = true;
    for (const m of row.months) {
      if (!m) continue;
      row.ytdProfit += m.profit;
      if (m.returnPct === null || !Number.isFinite(m.returnPct)) defined = false;
      else growth *= 1 + m.returnPct / 100;
    }
    row.ytdPct = defined ? (growth - 1) * 100 : null;
  }
  return rows;
}
