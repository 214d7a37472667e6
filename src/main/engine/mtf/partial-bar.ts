import type { Bar } from './bar.ts';

export interface PartialBarState {
  start: number;
  end: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  ticks: number;
  lastTs: number;
}

/**
 * The bar being built for one (symbol, timeframe). Mutated in place on every tick — the hot
 * path — so it is a class with plain number fields and no allocation. `ticks === 0` means no
 * bar is open (before the first tick, and after the end-of-data flush).
 */
export class PartialBar implements PartialBarState {
  start = 0;
  end = -Infinity;
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  volume = 0;
  ticks = 0;
  lastTs = NaN;

  /** Fraction of the bucket elapsed at the last tick, in [0, 1). */
  progress(): number {
    return this.ticks === 0 ? 0 : (this.lastTs - this.start) / (this.end - this.start);
  }

  toBar(): Bar {
    return {
      time: this.start,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      ticks: this.ticks,
    };
  }

  snapshot(): PartialBarState {
    const { start, end, open, high, low, close, volume, ticks, lastTs } = this;
    return { start, end, open, high, low, close, volume, ticks, lastTs };
  }

  restore(s: PartialBarState): void {
    this.start = s.start;
    this.end = s.end;
    this.open = s.open;
    this.high = s.high;
    this.low = s.low;
    this.close = s.close;
    this.volume = s.volume;
    this.ticks = s.ticks;
    this.lastTs = s.lastTs;
  }
}
