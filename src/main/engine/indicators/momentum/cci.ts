/**
 * CCI — Commodity Channel Index over n bars of typical price tp = (high + low + close) / 3:
 * (tp - mean(tp)) / (0.015 * meanDeviation(tp)).
 * Formula source: TA-Lib TA_CCI, mirrored: the window is a circular buffer summed in slot order
 * (as TA-Lib's CIRCBUF), mean deviation = sum |tp_j - mean| / n; the output is 0 when
 * tp - mean or the deviation sum is 0.
 * First output index: n - 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readObject } from '../core/state.ts';

export class CCI extends SingleOutputIndicator {
  private readonly n: number;
  private readonly window: RingBuffer;

  constructor(n: number) {
    super(`cci(${n})`, [`cci_${n}`], n - 1);
    this.n = n;
    this.window = new RingBuffer(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const tp = (bar.high + bar.low + bar.close) / 3;
    const w = this.window;
    const windowFull = w.size >= this.n - 1;
    const at = w.writeSlot; // where tp goes
    let out = NaN;
    if (windowFull) {
      let average = 0;
      for (let j = 0; j < this.n; j++) average += j === at ? tp : w.slot(j);
      average /= this.n;
      let deviation = 0;
      for (let j = 0; j < this.n; j++) deviation += Math.abs((j === at ? tp : w.slot(j)) - average);
      const diff = tp - average;
      out = diff !== 0.0 && deviation !== 0.0 ? diff / (0.015 * (deviation / this.n)) : 0.0;
    }
    if (commit) w.push(tp);
    return out;
  }

  protected saveState(): PlainObject {
    return { window: this.window.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.window.restore(readObject(s, 'window'));
  }
}
