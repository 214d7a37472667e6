/** One point of the equity curve. Money in the account currency, drawdownPct in percent. */
export interface EquitySample {
  time: number;
  balance: number;
  equity: number;
  /** Peak equity so far − equity, >= 0. */
  drawdown: number;
  /** drawdown / peak × 100; 0 while the peak is <= 0 (a percentage of nothing means nothing). */
  drawdownPct: number;
  /** Used margin of the open positions (account currency; 0 when flat or without leverage). */
  margin: number;
  /** equity / margin × 100; null when no margin is used. */
  marginLevel: number | null;
}

export interface EquityTrackerState {
  time: number;
  balance: number;
  equity: number;
  /** Highest equity so far, -Infinity before the first sample. */
  peak: number;
  /** Used margin of the last reading, so sample() after a restore gives its margin level. */
  margin: number;
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
  private margin = 0;

  /**
   * Records a reading and returns its sample. Money that leaves float64's range (a balance or
   * position so large that P&L overflows to Infinity, then Infinity − Infinity = NaN) fails here,
   * saying why, instead of later as a NOT NULL constraint on a NaN drawdown.
   */
  add(time: number, balance: number, equity: number, margin = 0): EquitySample {
    this.margin = margin;
    this.time = time;
    this.balance = balance;
    this.equity = equity;
    if (equity > this.peak) this.peak = equity;
    const sample = this.sample();
    if (!Number.isFinite(balance) || !Number.isFinite(equity) || !Number.isFinite(sample.drawdown))
      throw new Error(
        `equity left the range of numbers at ${new Date(time).toISOString()}: balance ${balance}, ` +
          `equity ${equity}, drawdown ${sample.drawdown} (balance, lot size or prices too large)`,
      );
    return sample;
  }

  /** The sample of the last reading (NaN fields before the first). */
  sample(): EquitySample {
    const { time, balance, equity, peak, margin } = this;
    const drawdown = peak === -Infinity ? NaN : peak - equity;
    const drawdownPct = peak > 0 ? (drawdown / peak) * 100 : peak === -Infinity ? NaN : 0;
    const marginLevel = margin > 0 ? (equity / margin) * 100 : null;
    return { time, balance, equity, drawdown, drawdownPct, margin, marginLevel };
  }

  snapshot(): EquityTrackerState {
    const { time, balance, equity, peak, margin } = this;
    return { time, balance, equity, peak, margin };
  }

  restore(s: EquityTrackerState): void {
    this.time = s.time;
    this.balance = s.balance;
    this.equity = s.equity;
    this.peak = s.peak;
    this.margin = s.margin;
  }
}
