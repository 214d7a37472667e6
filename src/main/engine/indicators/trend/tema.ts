/**
 * TEMA — Triple Exponential Moving Average: 3*EMA1 - 3*EMA2 + EMA3, where EMA2 = EMA(EMA1) and
 * EMA3 = EMA(EMA2).
 * Formula source: TA-Lib TA_TEMA: out = ema3 + ((3.0 * ema1) - (3.0 * ema2)) (its operation
 * order), all TA_INT_EMA, SMA-seeded.
 * First output index: 3 * (n - 1).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { readObject } from '../core/state.ts';
import { EmaCore } from './ema.ts';

export class TEMA extends SingleOutputIndicator {
  private readonly ema1: EmaCore;
  private readonly ema2: EmaCore;
  private readonly ema3: EmaCore;

  constructor(n: number) {
    super(`tema(${n})`, [`tema_${n}`], 3 * (n - 1));
    this.ema1 = new EmaCore(n);
    this.ema2 = new EmaCore(n);
    this.ema3 = new EmaCore(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const e1 = this.ema1.next(bar.close, commit);
    if (Number.isNaN(e1)) return NaN;
    const e2 = this.ema2.next(e1, commit);
    if (Number.isNaN(e2)) return NaN;
    const e3 = this.ema3.next(e2, commit);
    return e3 + (3.0 * e1 - 3.0 * e2);
  }

  protected saveState(): PlainObject {
    return { ema1: this.ema1.snapshot(), ema2: this.ema2.snapshot(), ema3: this.ema3.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.ema1.restore(readObject(s, 'ema1'));
    this.ema2.restore(readObject(s, 'ema2'));
    this.ema3.restore(readObject(s, 'ema3'));
  }
}
