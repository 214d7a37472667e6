const DAY_MS = 86_400_000;
const TRADING_DAYS_PER_YEAR = 252;
/** A stdev of daily returns below this is float noise around 0. */
const ZERO_STDEV = 1e-12;

/**
 * Annualised Sharpe ratio of daily returns, computed in one pass over the equity curve.
 *
 * e_d = equity of the last sample of UTC day d (days without a sample — weekends — are skipped,
 * not counted as flat days); return_d = e_d / e_{d−1} − 1, where the first day's previous value
 * is the starting balance. Sharpe = mean(return) / stdev(return) × √252, with the sample stdev
 * (n − 1) and a zero risk-free rate. Mean and variance are accumulated with Welford's method, so
 * millions of samples need no memory. null with fewer than 2 returns, a zero stdev, or a
 * non-positive equity along the way (returns stop meaning anything). "Zero" is below 1e-12: equal
 * returns computed from float equity differ in the last bits, and dividing by that noise would
 * report a Sharpe of 10^15 for a steady curve.
 */
export class DailySharpe {
  private day = NaN;
  private dayEquity = NaN;
  private prevEquity: number;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private invalid = false;

  constructor(startBalance: number) {
    this.prevEquity = startBalance;
  }

  /** Feeds one sample; samples must come in time order. */
  add(time: number, equity: number): void {
    const day = Math.floor(time / DAY_MS);
    if (day !== this.day) {
      if (this.day === this.day) this.closeDay();
      this.day = day;
    }
    this.dayEquity = equity;
  }

  /** Closes the last day and returns the ratio; call once, after the last sample. */
  finish(): number | null {
    if (this.day === this.day) this.closeDay();
    this.day = NaN;
    if (this.invalid || this.n < 2) return null;
    const stdev = Math.sqrt(this.m2 / (this.n - 1));
    if (!(stdev >= ZERO_STDEV)) return null;
    return (this.mean / stdev) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  }

  /** The running sums as numbers, for a run that keeps its statistics without its equity rows. */
  snapshot(): number[] {
    const { day, dayEquity, prevEquity, n, mean, m2, invalid } = this;
    return [day, dayEquity, prevEquity, n, mean, m2, invalid ? 1 : 0];
  }

  restore(v: readonly number[]): void {
    [this.day, this.dayEquity, this.prevEquity, this.n, this.mean, this.m2] = v;
    this.invalid = v[6] === 1;
  }

  private closeDay(): void {
    if (!(this.prevEquity > 0)) this.invalid = true;
    const r = this.dayEquity / this.prevEquity - 1;
    this.prevEquity = this.dayEquity;
    this.n++;
    const delta = r - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (r - this.mean);
  }
}
