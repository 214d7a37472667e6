import { describe, expect, it } from 'vitest';
import { arraySource } from '../../src/main/engine/data/tick-source.ts';
import { Backtest, type BacktestConfig } from '../../src/main/engine/backtest/backtest.ts';
import { StrategyError } from '../../src/main/engine/strategy/strategy-error.ts';
import type { StrategyModule } from '../../src/main/engine/strategy/types.ts';
import { batchOf, type TestTick } from '../mtf/helpers.ts';
import { Recording } from './fixtures.ts';

const T0 = Date.parse('2024-01-02T10:00:00Z');
const sec = (s: number) => T0 + s * 1000;

function run(
  module: StrategyModule,
  ticks: TestTick[][],
  symbols = ['EURUSD'],
  commission = 0,
  slippage = 0,
) {
  const config: BacktestConfig = {
    engine: { symbols, timeframes: ['M1'], indicators: [], price: 'bid', historySize: 100 },
    portfolio: {
      symbols,
      balance: 10_000,
      lotSize: 100_000,
      commissionPerLot: commission,
      slippage,
    },
    strategy: { module, params: {}, file: null },
  };
  const rec = new Recording();
  const bt = new Backtest(config, { bars: rec, trades: rec, equity: rec });
  bt.start();
  const m = bt.merger(ticks.map((t) => arraySource([batchOf(t)])));
  while (m.step(bt.engine, 1000) > 0);
  bt.finish();
  return {
    bt,
    rec,
    trades: rec.events.filter((e) => e[0] === 'trade'),
    equity: rec.events.filter((e) => e[0] === 'equity'),
  };
}

const strategy = (
  onBar: StrategyModule['onBar'],
  extra: Partial<StrategyModule> = {},
): StrategyModule => ({
  name: 'test',
  description: '',
  params: [],
  init() {},
  onBar,
  ...extra,
});

describe('backtest: strategy, fills and results together', () => {
  it('fills an onBar market buy at the ask of the tick that closed the bar, and closes it at the end of data at the bid', () => {
    const buyOnce = strategy((ctx, ev) => {
      if (!ctx.state.done) ctx.buy(ev.symbol, 100_000);
      ctx.state.done = true;
    });
    const { trades, equity, bt } = run(buyOnce, [
      [
        { t: sec(10), bid: 1.1, ask: 1.1002 },
        { t: sec(60), bid: 1.101, ask: 1.1012 }, // closes the 10:00 bar → the order fills here, at 1.1012
        { t: sec(61), bid: 1.102, ask: 1.1022 },
        { t: sec(130), bid: 1.103, ask: 1.1032 }, // last tick: end-of-data exit at the bid 1.1030
      ],
    ]);
    expect(trades).toHaveLength(1);
    const [, id, symbol, side, size, entryTime, entryPrice, exitTime, exitPrice, reason, gross] =
      trades[0];
    expect([id, symbol, side, size, entryTime, entryPrice, exitTime, exitPrice, reason]).toEqual([
      1,
      'EURUSD',
      'long',
      100_000,
      sec(60),
      1.1012,
      sec(130),
      1.103,
      'end-of-data',
    ]);
    expect(gross).toBeCloseTo((1.103 - 1.1012) * 100_000, 6); // 180
    // Equity at each M1 close: 10:00 before the fill (flat), 10:01 marked at the bid 1.1020, 10:02 after the exit.
    expect(equity.map((e) => e[1])).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    expect(equity[0][3]).toBe(10_000);
    expect(equity[1][3] as number).toBeCloseTo(10_000 + (1.102 - 1.1012) * 100_000, 6);
    expect(equity[2][2] as number).toBeCloseTo(10_180, 6);
    expect(bt.portfolio.balance).toBeCloseTo(10_180, 6);
  });

  it('orders multi-symbol events by time, then symbol order in the run', () => {
    const logger = strategy((ctx, ev) => {
      const log = (ctx.state.log ??= []) as unknown[];
      log.push([ev.symbol, ctx.time]);
    });
    const { bt } = run(
      logger,
      [
        [
          { t: sec(0), bid: 1 },
          { t: sec(60), bid: 1 },
        ],
        [
          { t: sec(0), bid: 2 },
          { t: sec(60), bid: 2 },
        ],
      ],
      ['B', 'A'],
    );
    // Both minute bars close at 10:01:00.000; 'B' comes first in the run, so it closes first.
    expect(bt.ctx.state.log).toEqual([
      ['B', sec(60)],
      ['A', sec(60)],
    ]);
  });

  it('stops with a StrategyError naming the strategy, the phase and carrying its stack', () => {
    const thrower = strategy(() => {
      throw new TypeError('boom at bar');
    });
    let caught: unknown;
    try {
      run(thrower, [
        [
          { t: sec(0), bid: 1 },
          { t: sec(60), bid: 1 },
        ],
      ]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StrategyError);
    expect((caught as Error).message).toMatch(
      /strategy test failed in onBar: TypeError: boom at bar\n\s+at /,
    );
  });

  it('refuses non-plain strategy state (a class instance) right after init, naming the path', () => {
    class Memory {
      x = 1;
    }
    const hidden = strategy(() => {}, {
      init(ctx) {
        ctx.state.memory = new Memory();
      },
    });
    expect(() => run(hidden, [[{ t: sec(0), bid: 1 }]])).toThrow(
      /ctx\.state\.memory: an instance of Memory/,
    );
  });
});
