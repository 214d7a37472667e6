/**
 * Donchian Channels (not in TA-Lib; this project's definition) over the last n bars including
 * the current one: upper = highest high, lower = lowest low, middle = (upper + lower) / 2.
 * First output index: n - 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readObject } from '../core/state.ts';

export class Donchian extends BaseIndicator {
  private readonly highs: RingBuffer;
  private readonly lows: RingBuffer;

  constructor(n: number) {
    const col = `donchian_${n}`;
    super(`donchian(${n})`, [`${col}_upper`, `${col}_middle`, `${col}_lower`], n - 1);
    this.highs = new RingBuffer(n);
    this.lows = new RingBuffer(n);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    const windowFull = this.highs.size >= this.highs.capacity - 1;
    const upper = this.highs.maxAfterPush(bar.high);
    const lower = this.lows.minAfterPush(bar.low);
    if (commit) {
      this.highs.push(bar.high);
      this.lows.push(bar.low);
    }
    if (!windowFull) {
      out[offset] = out[offset + 1] = out[offset + 2] = NaN;
      return;
    }
    out[offset] = upper;
    out[offset + 1] = (upper + lower) / 2;
    out[offset + 2] = lower;
  }

  protected saveState(): PlainObject {
    return { highs: this.highs.snapshot(), lows: this.lows.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.highs.restore(readObject(s, 'highs'));
    this.lows.restore(readObject(s, 'lows'));
  }
}
