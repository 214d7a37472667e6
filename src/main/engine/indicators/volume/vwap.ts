/**
 * VWAP — Volume Weighted Average Price, session = UTC day (not in TA-Lib; this project's
 * definition): Σ(typical × volume) / Σ volume over the bars of the current UTC day, typical =
 * (high + low + close) / 3, day = floor(bar.time / 86_400_000). Sums reset on the first bar of a
 * new day. NaN while the day's volume total is 0 (no traded volume, no price to weight).
 * First output index: 0.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { readNumber } from '../core/state.ts';

const DAY_MS = 86_400_000;

export class VWAP extends SingleOutputIndicator {
  private day = NaN;
  private sumPV = 0;
  private sumV = 0;

  constructor() {
    super('vwap', ['vwap'], 0);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const day = Math.floor(bar.time / DAY_MS);
    let sumPV = day === this.day ? this.sumPV : 0;
    let sumV = day === this.day ? this.sumV : 0;
    sumPV += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    sumV += bar.volume;
    if (commit) {
      this.day = day;
      this.sumPV = sumPV;
      this.sumV = sumV;
    }
    return sumV > 0 ? sumPV / sumV : NaN;
  }

  protected saveState(): PlainObject {
    return { day: this.day, sumPV: this.sumPV, sumV: this.sumV };
  }

  protected loadState(s: PlainObject): void {
    this.day = readNumber(s, 'day');
    this.sumPV = readNumber(s, 'sumPV');
    this.sumV = readNumber(s, 'sumV');
  }
}
