/**
 * Keltner Channels (not in TA-Lib; this project's definition):
 *   middle = EMA(n) of close (TA-Lib EMA semantics: SMA-seeded, first value at bar n-1),
 *   upper  = middle + mult × ATR(n), lower = middle - mult × ATR(n), ATR = TA-Lib ATR (Wilder,
 *   first value at bar n).
 * All three columns are NaN until both parts exist.
 * First output index: n.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { readObject } from '../core/state.ts';
import { EmaCore } from '../trend/ema.ts';
import { AtrCore } from './atr.ts';

export class Keltner extends BaseIndicator {
  private readonly mult: number;
  private readonly ema: EmaCore;
  private readonly atr: AtrCore;

  constructor(n: number, mult: number) {
    const col = `keltner_${n}_${mult}`;
    super(`keltner(${n},${mult})`, [`${col}_upper`, `${col}_middle`, `${col}_lower`], n);
    this.mult = mult;
    this.ema = new EmaCore(n);
    this.atr = new AtrCore(n);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    const middle = this.ema.next(bar.close, commit);
    const atr = this.atr.next(bar, commit);
    if (Number.isNaN(middle) || Number.isNaN(atr)) {
      out[offset] = out[offset + 1] = out[offset + 2] = NaN;
      return;
    }
    const width = this.mult * atr;
    out[offset] = middle + width;
    out[offset + 1] = middle;
    out[offset + 2] = middle - width;
  }

  protected saveState(): PlainObject {
    return { ema: this.ema.snapshot(), atr: this.atr.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.ema.restore(readObject(s, 'ema'));
    this.atr.restore(readObject(s, 'atr'));
  }
}
