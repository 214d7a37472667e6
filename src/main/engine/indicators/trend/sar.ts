/**
 * SAR — Parabolic Stop And Reverse (Wilder), acceleration `step` up to `max`.
 * Formula source: TA-Lib TA_SAR, mirrored including its start rule: the initial direction is
 * short when TA_MINUS_DM(1) of the first two bars is > 0 (low0 - low1 > 0 and > high1 - high0),
 * long otherwise; the first SAR is low0 (long) or high0 (short) with EP = high1 / low1, and on
 * bar 1 "previous" high/low are bar 1's own. Output for a bar is the SAR in force during it
 * (or, on a reversal, the reversed SAR clamped to the last two bars' extreme).
 * First output index: 1.
 */
import type { IndicatorBar, PlainObject } from '../types.ts';
import { SingleOutputIndicator } from '../core/base.ts';
import { readBoolean, readNumber } from '../core/state.ts';

export class SAR extends SingleOutputIndicator {
  private readonly acceleration: number;
  private readonly maximum: number;
  private bars = 0; // closed bars, capped at 2
  private isLong = true;
  private sar = NaN;
  private ep = NaN;
  private af = NaN;
  private lastHigh = NaN;
  private lastLow = NaN;

  constructor(acceleration: number, maximum: number) {
    super(`sar(${acceleration},${maximum})`, [`sar_${acceleration}_${maximum}`], 1);
    this.acceleration = acceleration;
    this.maximum = maximum;
  }

  protected value(bar: IndicatorBar, commit: boolean): number {
    const newHigh = bar.high;
    const newLow = bar.low;
    if (this.bars === 0) {
      if (commit) this.rememberBar(bar, 1);
      return NaN;
    }
    let isLong = this.isLong;
    let sar = this.sar;
    let ep = this.ep;
    let af = this.af;
    let prevHigh = this.lastHigh;
    let prevLow = this.lastLow;
    if (this.bars === 1) {
      const diffP = newHigh - this.lastHigh;
      const diffM = this.lastLow - newLow;
      isLong = !(diffM > 0 && diffP < diffM);
      ep = isLong ? newHigh : newLow;
      sar = isLong ? this.lastLow : this.lastHigh;
      af = this.acceleration;
      prevHigh = newHigh;
      prevLow = newLow;
    }
    let out: number;
    if (isLong) {
      if (newLow <= sar) {
        isLong = false;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out = sar;
        af = this.acceleration;
        ep = newLow;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af += this.acceleration;
          if (af > this.maximum) af = this.maximum;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = true;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out = sar;
      af = this.acceleration;
      ep = newHigh;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out = sar;
      if (newLow < ep) {
        ep = newLow;
        af += this.acceleration;
        if (af > this.maximum) af = this.maximum;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    if (commit) {
      this.isLong = isLong;
      this.sar = sar;
      this.ep = ep;
      this.af = af;
      this.rememberBar(bar, 2);
    }
    return out;
  }

  private rememberBar(bar: IndicatorBar, bars: number): void {
    this.bars = bars;
    this.lastHigh = bar.high;
    this.lastLow = bar.low;
  }

  protected saveState(): PlainObject {
    const { bars, isLong, sar, ep, af, lastHigh, lastLow } = this;
    return { bars, isLong, sar, ep, af, lastHigh, lastLow };
  }

  protected loadState(s: PlainObject): void {
    this.bars = readNumber(s, 'bars');
    this.isLong = readBoolean(s, 'isLong');
    this.sar = readNumber(s, 'sar');
    this.ep = readNumber(s, 'ep');
    this.af = readNumber(s, 'af');
    this.lastHigh = readNumber(s, 'lastHigh');
    this.lastLow = readNumber(s, 'lastLow');
  }
}
