import { describe, expect, it } from 'vitest';
import { arraySource } from '../../src/main/engine/data/tick-source.ts';
import type { TickBatch } from '../../src/main/engine/data/tick-batch.ts';
import type { MtfEngine } from '../../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../../src/main/engine/mtf/tick-merger.ts';
import { batchOf } from './helpers.ts';

/** Records the (symbol, ts, bid) order in which the merger hands ticks to the engine. */
function recorder() {
  const seen: [number, number, number][] = [];
  const engine = {
    processRange(symbol: number, b: TickBatch, from: number, to: number) {
      for (let i = from; i < to; i++) seen.push([symbol, b.ts[i], b.bid[i]]);
    },
  } as unknown as MtfEngine;
  return { seen, engine };
}

describe('TickMerger', () => {
  it('orders by timestamp, then symbol order in the run, then order in the source', () => {
    const a = [
      batchOf([
        { t: 1, bid: 1 },
        { t: 5, bid: 2 },
        { t: 5, bid: 3 },
      ]),
      batchOf([{ t: 9, bid: 4 }]),
    ];
    const b = [
      batchOf([
        { t: 0, bid: 10 },
        { t: 5, bid: 11 },
      ]),
      batchOf([
        { t: 5, bid: 12 },
        { t: 7, bid: 13 },
      ]),
    ];
    const { seen, engine } = recorder();
    const m = new TickMerger([arraySource(a), arraySource(b)]);
    let total = 0;
    for (let n = m.step(engine, 1000); n > 0; n = m.step(engine, 1000)) total += n;
    expect(total).toBe(8);
    expect(seen).toEqual([
      [1, 0, 10],
      [0, 1, 1],
      [0, 5, 2],
      [0, 5, 3],
      [1, 5, 11],
      [1, 5, 12],
      [1, 7, 13],
      [0, 9, 4],
    ]);
  });

  it('gives the same order whatever the step budget and batch boundaries', () => {
    const ticksA = Array.from({ length: 40 }, (_, i) => ({ t: Math.floor(i / 3), bid: i }));
    const ticksB = Array.from({ length: 30 }, (_, i) => ({ t: Math.floor(i / 2), bid: 100 + i }));
    const orders = [1, 2, 7, 1000].map((budget) => {
      const split = (ts: typeof ticksA, size: number) =>
        Array.from({ length: Math.ceil(ts.length / size) }, (_, k) =>
          batchOf(ts.slice(k * size, k * size + size)),
        );
      const { seen, engine } = recorder();
      const m = new TickMerger([
        arraySource(split(ticksA, budget + 2)),
        arraySource(split(ticksB, 5)),
      ]);
      while (m.step(engine, budget) > 0);
      return JSON.stringify(seen);
    });
    expect(new Set(orders).size).toBe(1);
  });

  it('returns 0 once every source is exhausted, and respects the budget', () => {
    const { engine } = recorder();
    const m = new TickMerger([
      arraySource([
        batchOf([
          { t: 1, bid: 1 },
          { t: 2, bid: 1 },
          { t: 3, bid: 1 },
        ]),
      ]),
    ]);
    expect(m.step(engine, 2)).toBe(2);
    expect(m.step(engine, 2)).toBe(1);
    expect(m.step(engine, 2)).toBe(0);
  });
});
