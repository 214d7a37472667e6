/** A completed bar. `time` is the bucket start (ms UTC); volume is bid+ask volume or the tick count. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  ticks: number;
}

/** Which price of a tick builds the bars of a run. */
export type PriceSource = 'bid' | 'ask' | 'mid';
export const PRICE_SOURCES: readonly PriceSource[] = ['bid', 'ask', 'mid'];
