import type { MonthlyReturn } from './statistics.ts';

/**
 * The monthly returns table, in one pass over the equity curve (samples in time order).
 *
 * A month is a UTC calendar month. Its profit is the equity of its last sample minus the equity
 * of the last sample of the previous month that has samples (the first month: minus the base,
 * the start balance). A month without any sample is absent: the next month's profit then spans
 * the gap, as the equity it starts from is the same.
 *
 * Months are few (a decade is 120), so they are kept: `ends` holds (month index, last equity)
 * for every month seen, the last one still being updated.
 */
export class MonthlyReturns {
  /** Equity the first month is measured from: the start balance (see restore for old runs). */
  #base: number;
  /** Flat pairs: month index (year × 12 + month, UTC), equity of that month's last sample. */
  #ends: number[] = [];

  constructor(base: number) {
    this.#base = base;
  }

  /**
   * [from, to) in ms of the month `ends` ends with: a sample inside it needs no date arithmetic
   * (equity samples can be millions). Derived, not state: NaN after a restore.
   */
  #from = NaN;
  #to = NaN;

  add(time: number, equity: number): void {
    if (time >= this.#from && time < this.#to) {
      this.#ends[this.#ends.length - 1] = equity;
      return;
    }
    const d = new Date(time);
    const year = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const month = year * 12 + m;
    this.#from = Date.UTC(year, m, 1);
    this.#to = Date.UTC(year, m + 1, 1);
    const n = this.#ends.length;
    if (n > 0 && this.#ends[n - 2] === month) this.#ends[n - 1] = equity;
    else this.#ends.push(month, equity);
  }

  result(): MonthlyReturn[] {
    const out: MonthlyReturn[] = [];
    let prev = this.#base;
    for (let i = 0; i < this.#ends.length; i += 2) {
      const month = this.#ends[i];
      const end = this.#ends[i + 1];
      const profit = end - prev;
      out.push({
        month: `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`,
        profit,
        returnPct: prev > 0 ? (profit / prev) * 100 : null,
      });
      prev = end;
    }
    return out;
  }

  /** Variable length: [base, number of months, then (month index, equity) per month]. */
  snapshot(): number[] {
    return [this.#base, this.#ends.length / 2, ...this.#ends];
  }

  /** Restores from `v` (which may continue past this snapshot); returns how many values it used. */
  restore(v: readonly number[]): number {
    const months = v[1];
    if (!Number.isInteger(months) || months < 0 || v.length < 2 + 2 * months)
      throw new RangeError(`a monthly returns snapshot of ${v.length} values is cut short`);
    this.#base = v[0];
    this.#ends = v.slice(2, 2 + 2 * months);
    this.#from = this.#to = NaN;
    return 2 + 2 * months;
  }

  /** A run restored from a snapshot without months starts its table from `equity` (then). */
  restart(equity: number): void {
    this.#base = equity;
    this.#ends = [];
    this.#from = this.#to = NaN;
  }
}
