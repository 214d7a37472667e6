/**
 * RSI — Relative Strength Index (Wilder): 100 * avgGain / (avgGain + avgLoss) of close changes.
 * Formula source: TA-Lib TA_RSI (compatibility default, unstable period 0): gains and losses are
 * Wilder averages (mean of the first n changes, then ((avg * (n-1)) + x) / n); a zero change
 * counts as a gain of 0; the output is 0 when avgGain + avgLoss is ~0 (TA_IS_ZERO).
 * First output index: n (the first close only provides the reference for the first change).
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { WilderAverage } from '../core/wilder.ts';
import { isZero } from '../core/talib-math.ts';
import { readNumber, readObject } from '../core/state.ts';

export class RSI extends SingleOutputIndicator {
  private readonly gain: WilderAverage;
  private readonly loss: WilderAverage;
  private prevClose = NaN;

  constructor(n: number) {
    super(`rsi(${n})`, [`rsi_${n}`], n);
    this.gain = new WilderAverage(n);
    this.loss = new WilderAverage(n);
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const prev = this.prevClose;
    if (commit) this.prevClose = bar.close;
    if (Number.isNaN(prev)) return NaN;
    const change = bar.close - prev;
    const avgGain = this.gain.next(change < 0 ? 0 : change, commit);
    const avgLoss = this.loss.next(change < 0 ? -change : 0, commit);
    if (Number.isNaN(avgGain)) return NaN;
    const sum = avgGain + avgLoss;
    return isZero(sum) ? 0.0 : 100.0 * (avgGain / sum);
  }

  protected saveState(): PlainObject {
    return { prevClose: this.prevClose, gain: this.gain.snapshot(), loss: this.loss.snapshot() };
  }

  protected loadState(s: PlainObject): void {
    this.prevClose = readNumber(s, 'prevClose');
    this.gain.restore(readObject(s, 'gain'));
    this.loss.restore(readObject(s, 'loss'));
  }
}
