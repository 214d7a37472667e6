/**
 * SMA — Simple Moving Average of the close over n bars.
 * Formula source: TA-Lib TA_SMA (TA_INT_SMA), mirrored operation for operation: a running
 * period total, `total += x; out = total / n; total -= oldest`, so the float rounding (and the
 * drift of the running sum) is the same as TA-Lib's.
 * First output index: n - 1.
 *
 * SmaCore is the reusable part (number in, number out): BBANDS middle band, STOCH slow %K / %D.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator, type Series } from '../core/base.ts';
import { RingBuffer } from '../core/ring-buffer.ts';
import { readNumber, readObject } from '../core/state.ts';

export class SmaCore implements Series<number> {
  private readonly n: number;
  /** The last n inputs; the oldest is subtracted from the total after each output. */
  private readonly window: RingBuffer;
  /** Sum of the last min(count, n - 1) inputs. */
  private total = 0;

  constructor(n: number) {
    this.n = n;
    this.window = new RingBuffer(n);
  }

  next(x: number, commit: boolean): number {
    const total = this.total + x;
    const out = this.window.size >= this.n - 1 ? total / this.n : NaN;
    if (commit) {
      this.window.push(x);
      this.total = this.window.full ? total - this.window.oldest() : total;
    }
    return out;
  }

  snapshot(): PlainObject {
    return { total: this.total, window: this.window.snapshot() };
  }

  restore(s: PlainObject): void {
    this.total = readNumber(s, 'total');
    this.window.restore(readObject(s, 'window'));
  }
}

export class SMA extends SingleOutputIndicator {
  private readonly sma: SmaCore;

  constructor(n: number) {
    super(`sma(${n})`, [`sma_${n}`], n - 1);
    this.sma = new SmaCore(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    return this.sma.next(bar.close, commit);
  }

  protected saveState(): PlainObject {
    return { sma: this.sma.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.sma.restore(readObject(s, 'sma'));
  }
}
