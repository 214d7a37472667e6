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
import type { RateSource } from '../../src/main/engine/portfolio/types.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { busyStrategy, firstDifference, generated, memorySource, Recording } from './fixtures.ts';

const data = generated(['EURUSD', 'USDJPY'], 4);
const total = data.flat().reduce((n, b) => n + b.length, 0);

/**
 * USD per JPY at `time`: 1 / mid of the last USDJPY tick at or before it (its first tick before
 * that), as the services' RateSource reads the tick store — a pure function of time.
 */
function yenRates(): RateSource {
  const ts: number[] = [];
  const mid: number[] = [];
  for (const b of data[1]) {
    for (let i = 0; i < b.length; i++) {
      ts.push(b.ts[i]);
      mid.push((b.bid[i] + b.ask[i]) / 2);
    }
  }
  return {
    quoteRate(symbol, time) {
      if (symbol === 0) return 1;
      let lo = 0;
      let hi = ts.length - 1;
      while (lo < hi) {
        const m = (lo + hi + 1) >> 1;
        if (ts[m] <= time) lo = m;
        else hi = m - 1;
      }
      return 1 / mid[lo];
    },
  };
}

/** A USD account at 1:30 with swaps on both symbols: conversion, margin, refusals, swaps live. */
function withMoney(config: BacktestConfig): BacktestConfig {
  const specs = ['EURUSD', 'USDJPY'].map(defaultSymbolSpec);
  Object.assign(specs[0], { swapLong: -6.5, swapShort: 1.2 });
  Object.assign(specs[1], { swapLong: 12, swapShort: -25 });
  const money = { currency: 'USD', specs, leverage: 30, stopOutPct: 50, rolloverMinutes: 1320 };
  return { ...config, portfolio: { ...config.portfolio, money }, rates: yenRates() };
}

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

const cases: [string, StrategyModule, Record<string, unknown>, boolean][] = [
  ['busy test strategy', busyStrategy, {}, false],
  ['busy test strategy, USD account with leverage and swaps', busyStrategy, {}, true],
  [
    'ma-cross',
    BUILTIN_STRATEGIES.find((s) => s.name === 'ma-cross')!,
    { timeframe: 'M5', fast: 5, slow: 12, trendTimeframe: 'H1', trendPeriod: 10 },
    false,
  ],
];

describe.each(cases)(
  '%s: straight run equals snapshot → restore → continue',
  (_name, module, params, money) => {
    const config = money ? withMoney(configFor(module, params)) : configFor(module, params);
    const reference = straight(config);

    it('trades enough to mean something', () => {
      const trades = reference.rec.events.filter((e) => e[0] === 'trade').length;
      expect(trades).toBeGreaterThan(20);
    });

    it.runIf(money)('holds margin and charges swaps (the money state is live)', () => {
      // Events are ['equity', ...EquitySample values] and ['trade', ...Trade values]: the
      // sample's margin is its 6th field, the trade's swap its 12th.
      const ev = reference.rec.events;
      expect(ev.some((e) => e[0] === 'equity' && (e[6] as number) > 0)).toBe(true);
      expect(ev.some((e) => e[0] === 'trade' && e[12] !== 0)).toBe(true);
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
