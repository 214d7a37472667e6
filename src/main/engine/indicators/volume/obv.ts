/**
 * OBV — On Balance Volume: running total of volume, added on an up close, subtracted on a down
 * close, unchanged on an equal close.
 * Formula source: TA-Lib TA_OBV: starts at the first bar's volume (not 0).
 * First output index: 0.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { readNumber } from '../core/state.ts';

export class OBV extends SingleOutputIndicator {
  private obv = NaN;
  private prevClose = NaN;

  constructor() {
    super('obv', ['obv'], 0);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    let obv = this.obv;
    if (Number.isNaN(this.prevClose)) obv = bar.volume;
    else if (bar.close > this.prevClose) obv += bar.volume;
    else if (bar.close < this.prevClose) obv -= bar.volume;
    if (commit) {
      this.obv = obv;
      this.prevClose = bar.close;
    }
    return obv;
  }

  protected saveState(): PlainObject {
    return { obv: this.obv, prevClose: this.prevClose };
  }

  protected loadState(s: PlainObject): void {
    this.obv = readNumber(s, 'obv');
    this.prevClose = readNumber(s, 'prevClose');
  }
}
