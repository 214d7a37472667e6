/**
 * DEMA — Double Exponential Moving Average: 2 * EMA(close) - EMA(EMA(close)).
 * Formula source: TA-Lib TA_DEMA: out = (2.0 * ema1) - ema2, ema2 an EMA over ema1's outputs
 * (both TA_INT_EMA, SMA-seeded).
 * First output index: 2 * (n - 1).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { readObject } from '../core/state.ts';
import { EmaCore } from './ema.ts';

export class DEMA extends SingleOutputIndicator {
  private readonly ema1: EmaCore;
  private readonly ema2: EmaCore;

  constructor(n: number) {
    super(`dema(${n})`, [`dema_${n}`], 2 * (n - 1));
    this.ema1 = new EmaCore(n);
    this.ema2 = new EmaCore(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const e1 = this.ema1.next(bar.close, commit);
    if (Number.isNaN(e1)) return NaN;
    const e2 = this.ema2.next(e1, commit);
    return 2.0 * e1 - e2;
  }

  protected saveState(): PlainObject {
    return { ema1: this.ema1.snapshot(), ema2: this.ema2.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.ema1.restore(readObject(s, 'ema1'));
    this.ema2.restore(readObject(s, 'ema2'));
  }
}
