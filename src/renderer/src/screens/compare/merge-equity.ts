/**
 * Equity curves of several runs on one time axis, for one recharts chart: the union of their
 * sample times, each row holding every run's equity at that time (absent where a run has no
 * sample there; the chart connects across the gaps).
 */
import type { EquityPoint } from '../../../../shared/dto.ts';

export type MergedRow = { time: number } & Record<string, number>;

/** The data key of run `i`'s series. */
export const seriesKey = (i: number): string => `run${i}`;

export function mergeEquity(curves: readonly (readonly EquityPoint[])[]): MergedRow[] {
  const byTime = new Map<number, MergedRow>();
  curves.forEach((curve, i) => {
    for (const p of curve) {
      let row = byTime.get(p.time);
      if (!row) byTime.set(p.time, (row = { time: p.time } as MergedRow));
      row[seriesKey(i)] = p.equity;
    }
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
