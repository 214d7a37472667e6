/**
 * ATR — Average True Range (Wilder).
 * Formula source: TA-Lib TA_ATR (unstable period 0): TR from the second bar on (TA_TRANGE,
 * max(high - low, |high - prevClose|, |low - prevClose|)); the first ATR is the mean of the first
 * n TRs, then atr = ((atr * (n-1)) + tr) / n. (n = 1 gives TR itself, as TA-Lib.)
 * First output index: n.
 *
 * AtrCore is the reusable part (bar in, number out): Keltner channels.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator, type Series } from '../core/base.ts';
import { WilderAverage } from '../core/wilder.ts';
import { trueRange } from '../core/talib-math.ts';
import { readNumber, readObject } from '../core/state.ts';

export class AtrCore implements Series<IndicatorBar> {
  private readonly avg: WilderAverage;
  private prevClose = NaN;

  constructor(n: number) {
    this.avg = new WilderAverage(n);
  }

  next(bar: IndicatorBar, commit: boolean): number {
    const prev = this.prevClose;
    if (commit) this.prevClose = bar.close;
    if (Number.isNaN(prev)) return NaN;
    return this.avg.next(trueRange(bar.high, bar.low, prev), commit);
  }

  snapshot(): PlainObject {
    return { prevClose: this.prevClose, avg: this.avg.snapshot() };
  }

  restore(s: PlainObject): void {
    this.prevClose = readNumber(s, 'prevClose');
    this.avg.restore(readObject(s, 'avg'));
  }
}

export class ATR extends SingleOutputIndicator {
  private readonly atr: AtrCore;

  constructor(n: number) {
    super(`atr(${n})`, [`atr_${n}`], n);
    this.atr = new AtrCore(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    return this.atr.next(bar, commit);
  }

  protected saveState(): PlainObject {
    return { atr: this.atr.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.atr.restore(readObject(s, 'atr'));
  }
}
