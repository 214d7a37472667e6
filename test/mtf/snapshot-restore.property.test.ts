import { describe, expect, it } from 'vitest';
import { generateTicks } from '../../src/main/engine/data/generate/index.ts';
import type { TickBatch } from '../../src/main/engine/data/tick-batch.ts';
import type { EngineConfig } from '../../src/main/engine/mtf/engine-config.ts';
import { MtfEngine, type EngineSnapshot } from '../../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../../src/main/engine/mtf/tick-merger.ts';
import { TIMEFRAMES } from '../../src/main/engine/mtf/timeframes.ts';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../src/main/engine/persist/plain-decode.ts';
import { memorySource } from '../backtest/fixtures.ts';
import { CollectingSink, type ClosedBar } from './helpers.ts';

const INDICATORS = [
  'sma(5)',
  'ema(8)',
  'wma(6)',
  'dema(5)',
  'tema(4)',
  'rsi(6)',
  'macd(4,9,3)',
  'stoch(5,3,3)',
  'willr(7)',
  'cci(6)',
  'atr(5)',
  'bbands(6,2)',
  'keltner(6,2)',
  'donchian(6)',
  'adx(5)',
  'sar(0.02,0.2)',
  'obv',
  'vwap',
];

function copyBatch(b: TickBatch): TickBatch {
  const cut = (a: Float64Array | null) => (a ? a.slice(0, b.length) : null);
  return {
    length: b.length,
    ts: cut(b.ts)!,
    bid: cut(b.bid)!,
    ask: cut(b.ask)!,
    bidVol: cut(b.bidVol),
    askVol: cut(b.askVol),
  };
}

/** Exact comparison: Object.is on every number, so NaN, -0 and the last bit all count. */
function sameOutputs(a: ClosedBar[], b: ClosedBar[]): string | null {
  if (a.length !== b.length) return `bar count ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = [a[i].symbol, a[i].timeframe, ...Object.values(a[i].bar), ...a[i].values];
    const y = [b[i].symbol, b[i].timeframe, ...Object.values(b[i].bar), ...b[i].values];
    if (x.length !== y.length || x.some((v, k) => !Object.is(v, y[k])))
      return `bar ${i} differs: ${x} vs ${y}`;
  }
  return null;
}

describe('snapshot → serialize → restore → continue equals a straight run', () => {
  const days = 3;
  const data = ['EURUSD', 'USDJPY'].map((symbol, s) =>
    [
      ...generateTicks({
        symbol,
        start: Date.parse('2024-03-07T00:00:00Z'),
        days,
        seed: 7 + s,
        batchSize: 4096,
      }),
    ].map(copyBatch),
  );
  const total = data.flat().reduce((n, b) => n + b.length, 0);
  const config: EngineConfig = {
    symbols: ['EURUSD', 'USDJPY'],
    timeframes: [...TIMEFRAMES],
    indicators: INDICATORS,
    price: 'mid',
    historySize: 40,
  };

  const straightSink = new CollectingSink();
  const straight = new MtfEngine(config, straightSink);
  const m = new TickMerger(data.map((d) => memorySource(d, 0)));
  while (m.step(straight, 100_000) > 0);
  straight.finish();
  const finalBytes = encodePlain(straight.snapshot());

  // Cut points from a fixed-seed LCG: random, but the same on every run and machine.
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cuts = [
    1,
    total - 1,
    ...Array.from({ length: 6 }, () => 1 + Math.floor(rand() * (total - 2))),
  ];

  it('has enough data to mean something', () => {
    expect(total).toBeGreaterThan(200_000);
    expect(straightSink.closed.length).toBeGreaterThan(2000);
  });

  it.each(cuts)('cut after %i ticks', (k) => {
    const sink = new CollectingSink();
    const first = new MtfEngine(config, sink);
    const m1 = new TickMerger(data.map((d) => memorySource(d, 0)));
    expect(m1.step(first, k)).toBe(k);
    const bytes = encodePlain(first.snapshot());

    const fresh = new MtfEngine(config, sink);
    fresh.restore(decodePlain(bytes) as EngineSnapshot);
    expect(
      Buffer.from(encodePlain(fresh.snapshot())).equals(Buffer.from(bytes)),
      'restored state re-encodes to the same bytes',
    ).toBe(true);
    const m2 = new TickMerger(data.map((d, s) => memorySource(d, fresh.consumed[s])));
    while (m2.step(fresh, 100_000) > 0);
    fresh.finish();

    expect(sameOutputs(sink.closed, straightSink.closed)).toBeNull();
    expect(
      Buffer.from(encodePlain(fresh.snapshot())).equals(Buffer.from(finalBytes)),
      'final state identical',
    ).toBe(true);
  });
});
