/**
 * WMA — Weighted (linearly) Moving Average of the close: weights 1..n, newest = n,
 * divided by n(n+1)/2.
 * Formula source: TA-Lib TA_WMA, mirrored: it carries periodSum (the weighted sum) and periodSub
 * (the plain sum) and moves the window with `periodSub += x - trailing; periodSum += x * n;
 * out = periodSum / divider; periodSum -= periodSub`, so the rounding matches TA-Lib.
 * First output index: n - 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readNumber, readObject } from '../core/state.ts';

export class WMA extends SingleOutputIndicator {
  private readonly n: number;
  private readonly divider: number;
  private readonly window: RingBuffer;
  private periodSum = 0;
  private periodSub = 0;
  /** Input leaving the window at the next step (TA-Lib's trailingValue, 0 at first). */
  private trailingValue = 0;

  constructor(n: number) {
    super(`wma(${n})`, [`wma_${n}`], n - 1);
    this.n = n;
    this.divider = (n * (n + 1)) / 2;
    this.window = new RingBuffer(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const x = bar.close;
    const seen = this.window.size;
    let periodSum = this.periodSum;
    let periodSub = this.periodSub;
    let out = NaN;
    if (seen < this.n - 1) {
      periodSub += x;
      periodSum += x * (seen + 1);
    } else {
      periodSub += x;
      periodSub -= this.trailingValue;
      periodSum += x * this.n;
      out = periodSum / this.divider;
      periodSum -= periodSub;
    }
    if (commit) {
      this.window.push(x);
      if (this.window.full) this.trailingValue = this.window.oldest();
      this.periodSum = periodSum;
      this.periodSub = periodSub;
    }
    return out;
  }

  protected saveState(): PlainObject {
    return {
      periodSum: this.periodSum,
      periodSub: this.periodSub,
      trailingValue: this.trailingValue,
      window: this.window.snapshot(),
    };
  }

  protected loadState(s: PlainObject): void {
    this.periodSum = readNumber(s, 'periodSum');
    this.periodSub = readNumber(s, 'periodSub');
    this.trailingValue = readNumber(s, 'trailingValue');
    this.window.restore(readObject(s, 'window'));
  }
}
