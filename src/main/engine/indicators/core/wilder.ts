/**
 * Wilder smoothing, in the two forms TA-Lib uses (same operation order as its C code, so the
 * results match bit for bit):
 *
 * WilderAverage (TA_RSI gains/losses, TA_ATR, TA_ADX's ADX line): the first value is the mean of
 * the first n inputs (sequential sum / n), then avg = ((avg * (n-1)) + x) / n.
 * A NaN input means "no observation": it counts towards the first n but adds nothing, and later
 * leaves the average unchanged (TA_ADX skips DX where the true range or +DI + -DI is zero).
 *
 * WilderSum (TA_ADX / TA_PLUS_DI / TA_MINUS_DI: +DM, -DM, TR): the sum of the first n-1 inputs,
 * then s = s - s/n + x; a value exists from the n-th input on.
 */
import type { PlainObject } from '../types.ts';
import type { Series } from './base.ts';
import { readNumber } from './state.ts';

export class WilderAverage implements Series<number> {
  private readonly n: number;
  private count = 0;
  private sum = 0;
  private avg = NaN;

  constructor(n: number) {
    this.n = n;
  }

  next(x: number, commit: boolean): number {
    const n = this.n;
    let count = this.count;
    let sum = this.sum;
    let avg = this.avg;
    if (count < n) {
      if (!Number.isNaN(x)) sum += x;
      count++;
      if (count === n) avg = sum / n;
    } else if (!Number.isNaN(x)) {
      avg = (avg * (n - 1) + x) / n;
    }
    if (commit) {
      this.count = count;
      this.sum = sum;
      this.avg = avg;
    }
    return avg;
  }

  snapshot(): PlainObject {
    return { count: this.count, sum: this.sum, avg: this.avg };
  }

  restore(s: PlainObject): void {
    this.count = readNumber(s, 'count');
    this.sum = readNumber(s, 'sum');
    this.avg = readNumber(s, 'avg');
  }
}

export class WilderSum implements Series<number> {
  private readonly n: number;
  private count = 0;
  private sum = 0;

  constructor(n: number) {
    this.n = n;
  }

  next(x: number, commit: boolean): number {
    const n = this.n;
    let count = this.count;
    let sum = this.sum;
    let out = NaN;
    if (count < n - 1) {
      sum += x;
      count++;
    } else {
      sum = sum - sum / n + x;
      count = n;
      out = sum;
    }
    if (commit) {
      this.count = count;
      this.sum = sum;
    }
    return out;
  }

  snapshot(): PlainObject {
    return { count: this.count, sum: this.sum };
  }

  restore(s: PlainObject): void {
    this.count = readNumber(s, 'count');
    this.sum = readNumber(s, 'sum');
  }
}
