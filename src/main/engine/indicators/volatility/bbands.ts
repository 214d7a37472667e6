/**
 * BBANDS — Bollinger Bands: middle = SMA(n) of close, upper/lower = middle ± k × σ, σ the
 * population standard deviation of the last n closes.
 * Formula source: TA-Lib TA_BBANDS with MA type SMA and nbDevUp = nbDevDn = k, which computes σ
 * by TA_INT_stddev_using_precalc_ma: a running sum of squares (same add-then-subtract order as
 * TA_INT_SMA), variance = sumSq / n - sma², and σ = 0 when the variance is < TA_EPSILON.
 * Bands: t = σ * k; upper = middle + t; lower = middle - t.
 * First output index: n - 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { isZeroOrNeg } from '../core/talib-math.ts';
import { readNumber, readObject } from '../core/state.ts';
import { SmaCore } from '../trend/sma.ts';

export class BBANDS extends BaseIndicator {
  private readonly n: number;
  private readonly k: number;
  private readonly middle: SmaCore;
  /** The last n closes, for the trailing square. */
  private readonly window: RingBuffer;
  /** Sum of squares of the last min(count, n - 1) closes. */
  private totalSq = 0;

  constructor(n: number, k: number) {
    const col = `bbands_${n}_${k}`;
    super(`bbands(${n},${k})`, [`${col}_upper`, `${col}_middle`, `${col}_lower`], n - 1);
    this.n = n;
    this.k = k;
    this.middle = new SmaCore(n);
    this.window = new RingBuffer(n);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    const x = bar.close;
    const middle = this.middle.next(x, commit);
    const totalSq = this.totalSq + x * x;
    if (commit) {
      this.window.push(x);
      if (this.window.full) {
        const oldest = this.window.oldest();
        this.totalSq = totalSq - oldest * oldest;
      } else {
        this.totalSq = totalSq;
      }
    }
    if (Number.isNaN(middle)) {
      out[offset] = out[offset + 1] = out[offset + 2] = NaN;
      return;
    }
    const variance = totalSq / this.n - middle * middle;
    const sigma = isZeroOrNeg(variance) ? 0.0 : Math.sqrt(variance);
    const width = sigma * this.k;
    out[offset] = middle + width;
    out[offset + 1] = middle;
    out[offset + 2] = middle - width;
  }

  protected saveState(): PlainObject {
    return {
      totalSq: this.totalSq,
      window: this.window.snapshot(),
      middle: this.middle.snapshot(),
    };
  }

  protected loadState(s: PlainObject): void {
    this.totalSq = readNumber(s, 'totalSq');
    this.window.restore(readObject(s, 'window'));
    this.middle.restore(readObject(s, 'middle'));
  }
}
