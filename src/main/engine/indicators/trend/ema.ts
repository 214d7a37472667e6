/**
 * EMA — Exponential Moving Average of the close, k = 2 / (n + 1).
 * Formula source: TA-Lib TA_EMA (TA_INT_EMA, compatibility "default"): seeded with the SMA of
 * the first n inputs (sequential sum / n), then ema = ((x - ema) * k) + ema.
 * First output index: n - 1.
 *
 * EmaCore is the reusable part (number in, number out): MACD, DEMA, TEMA, Keltner.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator, type Series } from '../core/base.ts';
import { perToK } from '../core/talib-math.ts';
import { readNumber, readObject } from '../core/state.ts';

export class EmaCore implements Series<number> {
  private readonly n: number;
  private readonly k: number;
  /** Inputs seen, capped at n. */
  private count = 0;
  /** Sum of the first inputs while seeding. */
  private seedSum = 0;
  private ema = NaN;

  constructor(n: number) {
    this.n = n;
    this.k = perToK(n);
  }

  next(x: number, commit: boolean): number {
    let count = this.count;
    let seedSum = this.seedSum;
    let ema = this.ema;
    if (count < this.n) {
      seedSum += x;
      count++;
      if (count === this.n) ema = seedSum / this.n;
    } else {
      ema = (x - ema) * this.k + ema;
    }
    if (commit) {
      this.count = count;
      this.seedSum = seedSum;
      this.ema = ema;
    }
    return ema;
  }

  snapshot(): PlainObject {
    return { count: this.count, seedSum: this.seedSum, ema: this.ema };
  }

  restore(s: PlainObject): void {
    this.count = readNumber(s, 'count');
    this.seedSum = readNumber(s, 'seedSum');
    this.ema = readNumber(s, 'ema');
  }
}

export class EMA extends SingleOutputIndicator {
  private readonly ema: EmaCore;

  constructor(n: number) {
    super(`ema(${n})`, [`ema_${n}`], n - 1);
    this.ema = new EmaCore(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    return this.ema.next(bar.close, commit);
  }

  protected saveState(): PlainObject {
    return { ema: this.ema.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.ema.restore(readObject(s, 'ema'));
  }
}
