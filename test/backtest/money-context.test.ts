/**
 * What a strategy sees of the money rules: ctx.spec, ctx.lotSize, the account's currency and
 * margin figures, lots and swap on its position view; and the equity curve's margin level.
 */
import { describe, expect, it } from 'vitest';
import { arraySource } from '../../src/main/engine/data/tick-source.ts';
import { Backtest, type BacktestConfig } from '../../src/main/engine/backtest/backtest.ts';
import type { StrategyContext, StrategyModule } from '../../src/main/engine/strategy/types.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { batchOf } from '../mtf/helpers.ts';
import { Recording } from './fixtures.ts';

const T0 = Date.parse('2024-01-02T10:00:00Z');
const min = (m: number) => T0 + m * 60_000;

describe('the strategy context under money rules', () => {
  it('gives specs, margin figures and lots; the equity curve carries the margin level', () => {
    const seen: unknown[] = [];
    const look = (ctx: StrategyContext) => {
      const a = ctx.account;
      const p = a.position('XAUUSD');
      seen.push([a.currency, a.margin, a.freeMargin, a.marginLevel, p.lots, p.swap]);
    };
    const module: StrategyModule = {
      name: 'lots',
      description: '',
      params: [],
      init(ctx) {
        expect(ctx.spec('XAUUSD')).toMatchObject({
          contractSize: 100,
          pipSize: 0.01,
          quote: 'USD',
        });
        expect(ctx.lotSize).toBe(100); // the first symbol's contract
        expect(() => ((ctx.spec('XAUUSD') as { digits: number }).digits = 1)).toThrow();
      },
      onBar(ctx) {
        look(ctx);
        if (ctx.account.position('XAUUSD').side === 'flat' && ctx.time < min(2)) {
          ctx.buy('XAUUSD', 2 * ctx.spec('XAUUSD').contractSize); // 2 lots = 200 oz
        }
      },
    };
    const config: BacktestConfig = {
      engine: {
        symbols: ['XAUUSD'],
        timeframes: ['M1'],
        indicators: [],
        price: 'bid',
        historySize: 10,
      },
      portfolio: {
        symbols: ['XAUUSD'],
        balance: 10_000,
        lotSize: 100,
        commissionPerLot: 0,
        slippage: 0,
        money: {
          currency: 'USD',
          specs: [defaultSymbolSpec('XAUUSD')],
          leverage: 100,
          stopOutPct: 50,
          rolloverMinutes: 1320,
        },
      },
      strategy: { module, params: {}, file: null },
    };
    const rec = new Recording();
    const bt = new Backtest(config, { trades: rec, equity: rec });
    bt.start();
    const ticks = [0, 0.5, 1, 1.5, 2, 2.5].map((m) => ({ t: min(m), bid: 2000, ask: 2000 }));
    const m = bt.merger([arraySource([batchOf(ticks)])]);
    while (m.step(bt.engine, 1000) > 0);
    bt.finish();
    // Bar 10:00 closes at 10:01 (flat); the buy fills at 10:01 at 2 000: 200 oz × 2 000 / 100 =
    // 4 000 margin, equity 10 000, free 6 000, level 250 %; seen when the 10:01 bar closes.
    expect(seen[0]).toEqual(['USD', 0, 10_000, null, 0, 0]);
    expect(seen[1]).toEqual(['USD', 4000, 6000, 250, 2, 0]);
    const equity = rec.events.filter((e) => e[0] === 'equity');
    // ['equity', time, balance, equity, drawdown, drawdownPct, margin, marginLevel]
    expect(equity[1].slice(6)).toEqual([4000, 250]);
  });
});
