import { describe, expect, it } from 'vitest';
import type { EngineConfig } from '../../src/main/engine/mtf/engine-config.ts';
import { MtfEngine } from '../../src/main/engine/mtf/mtf-engine.ts';
import { batchOf, CollectingSink, iso } from './helpers.ts';

function engine(over: Partial<EngineConfig> = {}): { e: MtfEngine; sink: CollectingSink } {
  const sink = new CollectingSink();
  const config: EngineConfig = {
    symbols: ['EURUSD'],
    timeframes: ['M1'],
    indicators: [],
    price: 'bid',
    historySize: 1000,
    ...over,
  };
  return { e: new MtfEngine(config, sink), sink };
}

function feed(e: MtfEngine, ticks: Parameters<typeof batchOf>[0], symbol = 0): void {
  const b = batchOf(ticks);
  e.processRange(symbol, b, 0, b.length);
}

describe('bar building', () => {
  it('closes a bar on the first tick of a later bucket, with OHLC, tick-count volume and no bars for empty buckets', () => {
    const { e, sink } = engine();
    feed(e, [
      { t: '2024-01-02T10:00:00.000Z', bid: 1.1 },
      { t: '2024-01-02T10:00:00.000Z', bid: 1.3 }, // same millisecond: order kept
      { t: '2024-01-02T10:00:30.000Z', bid: 1.0 },
      { t: '2024-01-02T10:00:59.999Z', bid: 1.2 },
      { t: '2024-01-02T10:03:00.000Z', bid: 1.25 }, // 10:01 and 10:02 had no ticks
    ]);
    expect(sink.closed).toHaveLength(1);
    expect(sink.closed[0].bar).toEqual({
      time: Date.parse('2024-01-02T10:00:00Z'),
      open: 1.1,
      high: 1.3,
      low: 1.0,
      close: 1.2,
      volume: 4,
      ticks: 4,
    });
    e.finish();
    expect(sink.closed.map((c) => iso(c.bar.time))).toEqual([
      '2024-01-02T10:00:00.000Z',
      '2024-01-02T10:03:00.000Z',
    ]);
    expect(sink.closed[1].bar).toMatchObject({ open: 1.25, close: 1.25, ticks: 1 });
  });

  it('sums bid and ask volume when the data has volumes', () => {
    const { e, sink } = engine();
    feed(e, [
      { t: 0, bid: 1, bv: 1.5, av: 0.75 },
      { t: 1, bid: 1, bv: 2, av: 1 },
    ]);
    e.finish();
    expect(sink.closed[0].bar.volume).toBe(5.25);
    expect(sink.closed[0].bar.ticks).toBe(2);
  });

  it('builds from ask or mid when asked', () => {
    for (const [price, expected] of [
      ['ask', 1.0004],
      ['mid', 1.0002],
      ['bid', 1],
    ] as const) {
      const { e, sink } = engine({ price });
      feed(e, [{ t: 0, bid: 1, ask: 1.0004 }]);
      e.finish();
      expect(sink.closed[0].bar.close, price).toBeCloseTo(expected, 12);
    }
  });

  it('reports partial-bar progress as the fraction of the bucket elapsed at the last tick', () => {
    const { e } = engine({ timeframes: ['M1', 'H1'] });
    feed(e, [{ t: '2024-01-02T10:15:45.000Z', bid: 1 }]);
    const [m1, h1] = e.frames[0].partials;
    expect(m1.progress()).toBeCloseTo(0.75, 12);
    expect(h1.progress()).toBeCloseTo(15.75 / 60, 12);
  });

  it('closes several timeframes on one tick smallest first, then their indicators see them in that order', () => {
    const { e, sink } = engine({ timeframes: ['M1', 'M5', 'H1', 'D1'] });
    feed(e, [
      { t: '2024-01-02T23:59:10Z', bid: 1 },
      { t: '2024-01-03T00:00:00Z', bid: 2 },
    ]);
    expect(sink.closed.map((c) => c.timeframe)).toEqual([0, 1, 2, 3]);
    expect(sink.closed.every((c) => c.bar.close === 1)).toBe(true);
  });

  it('flushes every open bar at the end of data, symbol by symbol, smallest timeframe first', () => {
    const { e, sink } = engine({ symbols: ['A', 'B'], timeframes: ['M1', 'H1'] });
    feed(e, [{ t: 0, bid: 1 }], 0);
    feed(e, [{ t: 5, bid: 2 }], 1);
    e.finish();
    expect(sink.closed.map((c) => [c.symbol, c.timeframe])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    e.finish();
    expect(sink.closed).toHaveLength(4);
  });

  it('keeps at most historySize bars per (symbol, timeframe): state does not grow with the run', () => {
    const { e } = engine({ historySize: 3 });
    const sizes: number[] = [];
    for (let m = 0; m < 50; m++) {
      feed(e, [{ t: m * 60_000, bid: 1 + m / 1000 }]);
      if (m >= 10) sizes.push(JSON.stringify(Array.from(e.snapshot().histories[0][0].rows)).length);
    }
    const h = e.frames[0].histories[0];
    expect(h.length).toBe(3);
    expect(h.bar(0)?.close).toBeCloseTo(1.048, 12);
    expect(h.bar(2)?.close).toBeCloseTo(1.046, 12);
    expect(h.bar(3)).toBeUndefined();
    expect(new Set(sizes.map((s) => Math.round(s / 10))).size).toBeLessThanOrEqual(2);
  });

  it('counts ticks consumed per symbol (the resume cursor)', () => {
    const { e } = engine({ symbols: ['A', 'B'] });
    feed(
      e,
      [
        { t: 0, bid: 1 },
        { t: 1, bid: 1 },
      ],
      0,
    );
    feed(e, [{ t: 2, bid: 1 }], 1);
    expect(e.consumed).toEqual([2, 1]);
    expect(e.ticksConsumed).toBe(3);
  });
});
