/**
 * WILLR — Williams' %R over n bars: -100 * (highestHigh - close) / (highestHigh - lowestLow).
 * Formula source: TA-Lib TA_WILLR: diff = (highest - lowest) / (-100.0),
 * out = (highest - close) / diff, and 0 when diff is 0. (So close = highest gives -0, as TA-Lib.)
 * First output index: n - 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readObject } from '../core/state.ts';

export class WILLR extends SingleOutputIndicator {
  private readonly highs: RingBuffer;
  private readonly lows: RingBuffer;

  constructor(n: number) {
    super(`willr(${n})`, [`willr_${n}`], n - 1);
    this.highs = new RingBuffer(n);
    this.lows = new RingBuffer(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const windowFull = this.highs.size >= this.highs.capacity - 1;
    const highest = this.highs.maxAfterPush(bar.high);
    const lowest = this.lows.minAfterPush(bar.low);
    if (commit) {
      this.highs.push(bar.high);
      this.lows.push(bar.low);
    }
    if (!windowFull) return NaN;
    const diff = (highest - lowest) / -100.0;
    return diff !== 0.0 ? (highest - bar.close) / diff : 0.0;
  }

  protected saveState(): PlainObject {
    return { highs: this.highs.snapshot(), lows: this.lows.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.highs.restore(readObject(s, 'highs'));
    this.lows.restore(readObject(s, 'lows'));
  }
}
