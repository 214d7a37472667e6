/**
 * The money part of the portfolio config: checked once, naming the bad field; and the legacy
 * derivation that keeps a pre-issue-12 run's rules exactly.
 */
import { describe, expect, it } from 'vitest';
import { legacyMoney } from '../../../src/main/engine/portfolio/legacy-money.ts';
import { Portfolio } from '../../../src/main/engine/portfolio/portfolio.ts';
import { defaultSymbolSpec } from '../../../src/shared/symbol-spec.ts';
import { config, expectTrade, TradeLog } from '../helpers.ts';
import { MON, SEC } from './money-helpers.ts';

const money = (over: object = {}) => ({
  currency: 'USD',
  specs: [defaultSymbolSpec('EURUSD'), defaultSymbolSpec('GBPUSD')],
  leverage: 100,
  stopOutPct: 50,
  rolloverMinutes: 1320,
  ...over,
});

describe('money config', () => {
  it('refuses a spec count that does not match the symbols, and a bad spec by its field', () => {
    expect(() => new Portfolio(config({ money: money({ specs: [] }) }))).toThrow(
      'portfolio config: money.specs must hold one spec per symbol (2)',
    );
    const bad = money({
      specs: [defaultSymbolSpec('EURUSD'), { ...defaultSymbolSpec('GBPUSD'), pipSize: 0 }],
    });
    expect(() => new Portfolio(config({ money: bad }))).toThrow(
      /^portfolio config: money\.specs\[1\] \(GBPUSD\)\.pipSize: /,
    );
    expect(() => new Portfolio(config({ money: money({ leverage: 0 }) }))).toThrow(
      'portfolio config: money.leverage must be > 0, got 0',
    );
    expect(() => new Portfolio(config({ money: money({ rolloverMinutes: 1440 }) }))).toThrow(
      'money.rolloverMinutes must be < 1440',
    );
  });

  it('a legacy run: lot = lotSize for every symbol, no swaps, unlimited leverage, old pips', () => {
    const m = legacyMoney(['EURJPY', 'XAUUSD', 'US500'], 1000);
    expect(m.leverage).toBeNull();
    expect(m.specs.map((s) => [s.contractSize, s.pipSize, s.swapLong, s.swapShort])).toEqual([
      [1000, 0.01, 0, 0],
      [1000, 0.0001, 0, 0], // the built-ins' pip before specs existed, so their stops stay put
      [1000, 0.0001, 0, 0],
    ]);
  });

  it('a legacy run keeps P&L in the quote currency whatever RateSource it is handed', () => {
    const log = new TradeLog();
    const pf = new Portfolio(config({ symbols: ['USDJPY'] }), log, { quoteRate: () => 0.5 });
    pf.onTick(0, MON, 150, 150);
    pf.submit({ symbol: 0, side: 'buy', size: 100_000 }, MON);
    pf.onTick(0, MON + SEC, 150, 150);
    pf.closePosition(0, MON + SEC);
    pf.onTick(0, MON + 2 * SEC, 151, 151);
    // (151 − 150) × 100 000 = 100 000 (yen, rate 1); commission 7 + 7.
    expectTrade(log.trades[0], { grossPnl: 100_000, commission: 14, swap: 0 });
  });
});
