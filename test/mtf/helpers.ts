import { allocTickBatch, type TickBatch } from '../../src/main/engine/data/tick-batch.ts';
import type { Bar } from '../../src/main/engine/mtf/bar.ts';
import type { BarSink } from '../../src/main/engine/mtf/mtf-engine.ts';

export interface TestTick {
  t: number | string;
  bid: number;
  ask?: number;
  bv?: number;
  av?: number;
}

/** Builds a batch from readable ticks: `t` as ms or an ISO string, ask defaults to bid + 0.0002. */
export function batchOf(
  ticks: TestTick[],
  withVolumes = ticks.some((x) => x.bv !== undefined),
): TickBatch {
  const b = allocTickBatch(Math.max(1, ticks.length), withVolumes);
  ticks.forEach((x, i) => {
    b.ts[i] = typeof x.t === 'string' ? Date.parse(x.t) : x.t;
    b.bid[i] = x.bid;
    b.ask[i] = x.ask ?? x.bid + 0.0002;
    if (b.bidVol) {
      b.bidVol[i] = x.bv ?? NaN;
      b.askVol![i] = x.av ?? NaN;
    }
  });
  b.length = ticks.length;
  return b;
}

export interface ClosedBar {
  symbol: number;
  timeframe: number;
  bar: Bar;
  values: number[];
}

/** A sink that remembers every closed bar, in order. */
export class CollectingSink implements BarSink {
  readonly closed: ClosedBar[] = [];
  onBarClosed(symbol: number, timeframe: number, bar: Bar, values: Float64Array): void {
    this.closed.push({ symbol, timeframe, bar: { ...bar }, values: Array.from(values) });
  }
}

export const iso = (t: number) => new Date(t).toISOString();
