/**
 * MACD — Moving Average Convergence/Divergence: macd = EMA(fast) - EMA(slow) of the close,
 * signal = EMA(signal) of macd, hist = macd - signal.
 * Formula source: TA-Lib TA_MACD (TA_INT_MACD). TA-Lib starts BOTH EMAs at bar slow-1: the slow
 * EMA is seeded with the SMA of bars 0..slow-1, the fast EMA with the SMA of bars
 * slow-fast..slow-1 (earlier bars never reach it). The signal EMA is seeded with the SMA of the
 * first `signal` macd values. All three columns are NaN until the signal exists.
 * First output index: (slow - 1) + (signal - 1), 33 for (12,26,9).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { readNumber, readObject } from '../core/state.ts';
import { EmaCore } from './ema.ts';

export class MACD extends BaseIndicator {
  private readonly fastStart: number;
  private readonly fast: EmaCore;
  private readonly slow: EmaCore;
  private readonly signal: EmaCore;
  /** Closed bars seen, capped at fastStart (only needed to know when the fast EMA starts). */
  private bars = 0;

  constructor(fast: number, slow: number, signal: number) {
    const spec = `macd(${fast},${slow},${signal})`;
    const col = `macd_${fast}_${slow}_${signal}`;
    super(spec, [`${col}_macd`, `${col}_signal`, `${col}_hist`], slow - 1 + (signal - 1));
    this.fastStart = slow - fast;
    this.fast = new EmaCore(fast);
    this.slow = new EmaCore(slow);
    this.signal = new EmaCore(signal);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    const slow = this.slow.next(bar.close, commit);
    const fast = this.bars >= this.fastStart ? this.fast.next(bar.close, commit) : NaN;
    if (commit && this.bars < this.fastStart) this.bars++;
    let macd = NaN;
    let signal = NaN;
    if (!Number.isNaN(slow)) {
      macd = fast - slow;
      signal = this.signal.next(macd, commit);
    }
    if (Number.isNaN(signal)) {
      out[offset] = out[offset + 1] = out[offset + 2] = NaN;
    } else {
      out[offset] = macd;
      out[offset + 1] = signal;
      out[offset + 2] = macd - signal;
    }
  }

  protected saveState(): PlainObject {
    return {
      bars: this.bars,
      fast: this.fast.snapshot(),
      slow: this.slow.snapshot(),
      signal: this.signal.snapshot(),
    };
  }

  protected loadState(s: PlainObject): void {
    this.bars = readNumber(s, 'bars');
    this.fast.restore(readObject(s, 'fast'));
    this.slow.restore(readObject(s, 'slow'));
    this.signal.restore(readObject(s, 'signal'));
  }
}
