/** One point of the equity curve. Money in the account currency, drawdownPct in percent. */
export interface EquitySample {
  time: number;
  balance: number;
  equity: number;
  /** Peak equity so far − equity, >= 0. */
  drawdown: number;
  /** drawdown / peak × 100; 0 while the peak is <= 0 (a percentage of nothing means nothing). */
  drawdownPct: number;
}

export interface EquityTrackerState {
  time: number;
  balance: number;
  equity: number;
  /** Highest equity so far, -Infinity before the first sample. */
  peak: number;
}

/**
 * Turns (time, balance, equity) readings, fed in time order, into equity-curve samples with the
 * drawdown from the running peak. The peak is the highest equity fed, the current one included.
 */
export class EquityTracker {
  private time = NaN;
  private balance = NaN;
  private equity = NaN;
  private peak = -Infinity;

  /** Records a reading and returns its sample. */
  add(time: number, balance: number, equity: number): EquitySample {
    this.time = time;
    this.balance = balance;
    this.equity = equity;
    if (equity > this.peak) this.peak = equity;
    return this.sample();
  }

  /** The sample of the last reading (NaN fields before the first). */
  sample(): EquitySample {
    const { time, balance, equity, peak } = this;
    const drawdown = peak === -Infinity ? NaN : peak - equity;
    const drawdownPct = peak > 0 ? (drawdown / peak) * 100 : peak === -Infinity ? NaN : 0;
    return { time, balance, equity, drawdown, drawdownPct };
  }

  snapshot(): EquityTrackerState {
    const { time, balance, equity, peak } = this;
    return { time, balance, equity, peak };
  }

  restore(s: EquityTrackerState): void {
    this.time = s.time;
    this.balance = s.balance;
    this.equity = s.equity;
    this.peak = s.peak;
  }
}
