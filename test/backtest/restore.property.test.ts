import { describe, expect, it } from 'vitest';
import {
  Backtest,
  type BacktestConfig,
  type BacktestSnapshot,
} from '../../src/main/engine/backtest/backtest.ts';
import { sortTimeframes } from '../../src/main/engine/mtf/timeframes.ts';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../src/main/engine/persist/plain-decode.ts';
import { BUILTIN_STRATEGIES } from '../../src/main/engine/strategy/builtin/index.ts';
import { resolveParams } from '../../src/main/engine/strategy/params.ts';
import type { StrategyModule } from '../../src/main/engine/strategy/types.ts';
import { busyStrategy, firstDifference, generated, memorySource, Recording } from './fixtures.ts';

const data = generated(['EURUSD', 'USDJPY'], 4);
const total = data.flat().reduce((n, b) => n + b.length, 0);

function configFor(module: StrategyModule, params: Record<string, unknown>): BacktestConfig {
  const p = resolveParams(module.params, params);
  const needs = module.requires?.(p) ?? {};
  return {
    engine: {
      symbols: ['EURUSD', 'USDJPY'],
      timeframes: sortTimeframes(['M1', ...(needs.timeframes ?? [])]),
      indicators: needs.indicators ?? [],
      price: 'bid',
      historySize: 50,
    },
    portfolio: {
      symbols: ['EURUSD', 'USDJPY'],
      balance: 10_000,
      lotSize: 100_000,
      commissionPerLot: 3.5,
      slippage: 0.00001,
    },
    strategy: { module, params: p, file: null },
  };
}

function straight(config: BacktestConfig) {
  const rec = new Recording();
  const bt = new Backtest(config, { bars: rec, trades: rec, equity: rec });
  bt.start();
  const m = bt.merger(data.map((d) => memorySource(d)));
  while (m.step(bt.engine, 50_000) > 0);
  bt.finish();
  return { rec, final: encodePlain(bt.snapshot()) };
}

function cutAndResume(config: BacktestConfig, k: number) {
  const rec = new Recording();
  const first = new Backtest(config, { bars: rec, trades: rec, equity: rec });
  first.start();
  expect(first.merger(data.map((d) => memorySource(d))).step(first.engine, k)).toBe(k);
  const bytes = encodePlain(first.snapshot());

  const fresh = new Backtest(config, { bars: rec, trades: rec, equity: rec });
  fresh.restore(decodePlain(bytes) as BacktestSnapshot);
  const m = fresh.merger(data.map((d, s) => memorySource(d, fresh.engine.consumed[s])));
  while (m.step(fresh.engine, 50_000) > 0);
  fresh.finish();
  return { rec, final: encodePlain(fresh.snapshot()) };
}

let seed = 777;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const cases: [string, StrategyModule, Record<string, unknown>][] = [
  ['busy test strategy', busyStrategy, {}],
  [
    'ma-cross',
    BUILTIN_STRATEGIES.find((s) => s.name === 'ma-cross')!,
    { timeframe: 'M5', fast: 5, slow: 12, trendTimeframe: 'H1', trendPeriod: 10 },
  ],
];

describe.each(cases)(
  '%s: straight run equals snapshot → restore → continue',
  (_name, module, params) => {
    const config = configFor(module, params);
    const reference = straight(config);

    it('trades enough to mean something', () => {
      const trades = reference.rec.events.filter((e) => e[0] === 'trade').length;
      expect(trades).toBeGreaterThan(20);
    });

    it.each([
      1,
      total - 1,
      ...Array.from({ length: 5 }, () => 1 + Math.floor(rand() * (total - 2))),
    ])('cut after %i ticks', (k) => {
      const resumed = cutAndResume(config, k);
      expect(firstDifference(resumed.rec.events, reference.rec.events)).toBeNull();
      expect(Buffer.from(resumed.final).equals(Buffer.from(reference.final))).toBe(true);
    });
  },
);
