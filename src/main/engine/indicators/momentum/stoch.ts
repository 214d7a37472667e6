/**
 * STOCH — Stochastic oscillator (slow): fast %K over k bars, slow %K = SMA(smoothK) of fast %K,
 * %D = SMA(d) of slow %K.
 * Formula source: TA-Lib TA_STOCH with MA types SMA/SMA: fast %K = (close - lowestLow) / diff,
 * diff = (highestHigh - lowestLow) / 100, and 0 when diff is 0; the SMAs are TA_INT_SMA.
 * Columns k (slow %K) and d are both NaN until %D exists, as in TA-Lib.
 * First output index: (k - 1) + (smoothK - 1) + (d - 1), 17 for (14,3,3).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readObject } from '../core/state.ts';
import { SmaCore } from '../trend/sma.ts';

export class STOCH extends BaseIndicator {
  private readonly highs: RingBuffer;
  private readonly lows: RingBuffer;
  private readonly slowK: SmaCore;
  private readonly slowD: SmaCore;

  constructor(k: number, smoothK: number, d: number) {
    const col = `stoch_${k}_${smoothK}_${d}`;
    super(`stoch(${k},${smoothK},${d})`, [`${col}_k`, `${col}_d`], k - 1 + (smoothK - 1) + (d - 1));
    this.highs = new RingBuffer(k);
    this.lows = new RingBuffer(k);
    this.slowK = new SmaCore(smoothK);
    this.slowD = new SmaCore(d);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    const windowFull = this.highs.size >= this.highs.capacity - 1;
    const highest = this.highs.maxAfterPush(bar.high);
    const lowest = this.lows.minAfterPush(bar.low);
    if (commit) {
      this.highs.push(bar.high);
      this.lows.push(bar.low);
    }
    let k = NaN;
    let d = NaN;
    if (windowFull) {
      const diff = (highest - lowest) / 100.0;
      const fastK = diff !== 0.0 ? (bar.close - lowest) / diff : 0.0;
      k = this.slowK.next(fastK, commit);
      if (!Number.isNaN(k)) d = this.slowD.next(k, commit);
    }
    const ready = !Number.isNaN(d);
    out[offset] = ready ? k : NaN;
    out[offset + 1] = ready ? d : NaN;
  }

  protected saveState(): PlainObject {
    return {
      highs: this.highs.snapshot(),
      lows: this.lows.snapshot(),
      slowK: this.slowK.snapshot(),
      slowD: this.slowD.snapshot(),
    };
  }

  protected loadState(s: PlainObject): void {
    this.highs.restore(readObject(s, 'highs'));
    this.lows.restore(readObject(s, 'lows'));
    this.slowK.restore(readObject(s, 'slowK'));
    this.slowD.restore(readObject(s, 'slowD'));
  }
}
