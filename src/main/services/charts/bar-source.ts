/**
 * Where a chart's candles come from: the run's stored bars or bars rebuilt from its ticks. Both
 * are read from either end of a time so that a window of a 370 k-bar series touches only the
 * bars near it.
 */
import type { ChartCandle } from '../../../shared/charts.ts';

export interface BarExtent {
  first: number;
  last: number;
}

export interface BarSource {
  readonly kind: 'stored' | 'rebuilt';
  /** Open times of the first and last bar; null when the series has none. */
  extent(): BarExtent | null;
  /** Bars with time <= hi, newest first, lazily: the caller stops when it has enough. */
  newestFirst(hi: number): Iterable<ChartCandle>;
  /** Bars with time >= lo, oldest first, lazily. */
  oldestFirst(lo: number): Iterable<ChartCandle>;
}

/** A candle from a row or column of BarHistory's layout (time, open, high, low, close, volume…). */
export function candleAt(values: ArrayLike<number>, i: number, stride: number): ChartCandle {
  return {
    time: values[i],
    open: values[i + stride],
    high: values[i + 2 * stride],
    low: values[i + 3 * stride],
    close: values[i + 4 * stride],
    volume: values[i + 5 * stride],
  };
}
