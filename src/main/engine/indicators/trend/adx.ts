/**
 * ADX — Average Directional Movement Index, with +DI and -DI (Wilder).
 * Formula source: TA-Lib TA_ADX (adx column), TA_PLUS_DI / TA_MINUS_DI (pdi / mdi columns):
 *   +DM = high - prevHigh when > 0 and > (prevLow - low), -DM symmetric, else 0;
 *   TR = true range; +DM, -DM, TR smoothed with Wilder sums (sum of n-1, then s - s/n + x);
 *   +DI = 100 * (+DM / TR), -DI = 100 * (-DM / TR) (0 when TR is ~0, TA_IS_ZERO);
 *   DX = 100 * |-DI - +DI| / (-DI + +DI), skipped where TR or DI sum is ~0;
 *   ADX = Wilder average of DX (mean of the first n DX, then ((adx * (n-1)) + dx) / n).
 * First output index: +DI / -DI at n, ADX at 2n - 1 (firstOutputIndex = 2n - 1).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { BaseIndicator } from '../core/base.ts';
import { WilderAverage, WilderSum } from '../core/wilder.ts';
import { isZero, trueRange } from '../core/talib-math.ts';
import { readBoolean, readNumber, readObject } from '../core/state.ts';

export class ADX extends BaseIndicator {
  private readonly plusDM: WilderSum;
  private readonly minusDM: WilderSum;
  private readonly tr: WilderSum;
  private readonly adx: WilderAverage;
  private started = false;
  private prevHigh = NaN;
  private prevLow = NaN;
  private prevClose = NaN;

  constructor(n: number) {
    const col = `adx_${n}`;
    super(`adx(${n})`, [`${col}_adx`, `${col}_pdi`, `${col}_mdi`], [2 * n - 1, n, n]);
    this.plusDM = new WilderSum(n);
    this.minusDM = new WilderSum(n);
    this.tr = new WilderSum(n);
    this.adx = new WilderAverage(n);
  }

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    let adx = NaN;
    let pdi = NaN;
    let mdi = NaN;
    if (this.started) {
      const diffP = bar.high - this.prevHigh;
      const diffM = this.prevLow - bar.low;
      const minus = diffM > 0 && diffP < diffM ? diffM : 0;
      const plus = diffP > 0 && diffP > diffM ? diffP : 0; // exclusive with minus
      const sPlus = this.plusDM.next(plus, commit);
      const sMinus = this.minusDM.next(minus, commit);
      const sTR = this.tr.next(trueRange(bar.high, bar.low, this.prevClose), commit);
      if (!Number.isNaN(sTR)) {
        let dx = NaN;
        if (!isZero(sTR)) {
          mdi = 100.0 * (sMinus / sTR);
          pdi = 100.0 * (sPlus / sTR);
          const sum = mdi + pdi;
          if (!isZero(sum)) dx = 100.0 * (Math.abs(mdi - pdi) / sum);
        } else {
          mdi = pdi = 0.0;
        }
        adx = this.adx.next(dx, commit);
      }
    }
    if (commit) {
      this.started = true;
      this.prevHigh = bar.high;
      this.prevLow = bar.low;
      this.prevClose = bar.close;
    }
    out[offset] = adx;
    out[offset + 1] = pdi;
    out[offset + 2] = mdi;
  }

  protected saveState(): PlainObject {
    return {
      started: this.started,
      prevHigh: this.prevHigh,
      prevLow: this.prevLow,
      prevClose: this.prevClose,
      plusDM: this.plusDM.snapshot(),
      minusDM: this.minusDM.snapshot(),
      tr: this.tr.snapshot(),
      adx: this.adx.snapshot(),
    };
  }

  protected loadState(s: PlainObject): void {
    this.started = readBoolean(s, 'started');
    this.prevHigh = readNumber(s, 'prevHigh');
    this.prevLow = readNumber(s, 'prevLow');
    this.prevClose = readNumber(s, 'prevClose');
    this.plusDM.restore(readObject(s, 'plusDM'));
    this.minusDM.restore(readObject(s, 'minusDM'));
    this.tr.restore(readObject(s, 'tr'));
    this.adx.restore(readObject(s, 'adx'));
  }
}
