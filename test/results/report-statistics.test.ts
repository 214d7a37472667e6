import { describe, expect, it } from 'vitest';
import type { ExitReason, PositionSide, Trade } from '../../src/main/engine/portfolio/types.ts';
import type { EquitySample } from '../../src/main/engine/results/equity-tracker.ts';
import {
  ACCUMULATOR_VALUES,
  ACCUMULATOR_VALUES_V1,
  StatisticsAccumulator,
} from '../../src/main/engine/results/statistics-accumulator.ts';
import { computeResults } from '../../src/main/engine/results/statistics.ts';

const H = 3_600_000;
const T0 = Date.UTC(2023, 10, 1);

function trade(
  netPnl: number,
  side: PositionSide,
  hours: number,
  extra: { swap?: number; commission?: number; exitReason?: ExitReason } = {},
): Trade {
  const swap = extra.swap ?? 0;
  const commission = extra.commission ?? 0;
  return {
    id: 1,
    symbol: 'EURUSD',
    side,
    size: 1000,
    entryTime: T0,
    entryPrice: 1.1,
    exitTime: T0 + hours * H,
    exitPrice: 1.1,
    exitReason: extra.exitReason ?? 'signal',
    grossPnl: netPnl + commission - swap,
    commission,
    swap,
    netPnl,
    maePips: 0,
    maeMoney: 0,
    mfePips: 0,
    mfeMoney: 0,
    stopLoss: null,
    takeProfit: null,
  };
}

function sample(time: number, equity: number, drawdown = 0, marginLevel: number | null = null) {
  return {
    time,
    balance: equity,
    equity,
    drawdown,
    drawdownPct: 0,
    margin: marginLevel === null ? 0 : 1,
    marginLevel,
  } satisfies EquitySample;
}

/** In closing order. Net: 100 + 50 + 0 − 30 − 20 + 40 + 60 = 200. */
const TRADES = [
  trade(100, 'long', 2, { swap: -1, commission: 2 }),
  trade(50, 'long', 4, { commission: 2 }),
  trade(0, 'short', 1), // flat: breaks both runs
  trade(-30, 'short', 3, { swap: -2, commission: 2, exitReason: 'stop-out' }),
  trade(-20, 'long', 2, { commission: 1, exitReason: 'stop-out' }),
  trade(40, 'short', 12, { commission: 1 }),
  trade(60, 'short', 2),
];

/**
 * Start 10 000. Month-end equities: 2023-11 10 200; 2023-12 no sample (absent);
 * 2024-01 9 690; 2024-02 10 174.5. Max drawdown 80 (Nov 20). Margin levels: —, 250, 180, —.
 */
const EQUITY = [
  sample(Date.UTC(2023, 10, 15), 10_100, 0, 250),
  sample(Date.UTC(2023, 10, 20), 10_020, 80, 180),
  sample(Date.UTC(2023, 10, 30, 23, 59), 10_200),
  sample(Date.UTC(2024, 0, 10), 9_690, 0, null),
  sample(Date.UTC(2024, 1, 1), 10_174.5),
];

const EXPOSURE = { inMarketMs: 0, firstTime: EQUITY[0].time, lastTime: EQUITY[4].time };
const input = { trades: TRADES, equity: EQUITY, startBalance: 10_000, exposure: EXPOSURE };

describe('the MT5 report statistics', () => {
  const { stats: s, monthly } = computeResults({ ...input, rejections: 3 });

  it('consecutive wins/losses: longest by count, its money; first on ties; 0 breaks both', () => {
    // Wins: [100, 50] (2, 150), the flat 0 ends it; [40, 60] is also 2 long (100): the first stays.
    expect([s.maxConsecutiveWins, s.maxConsecutiveWinsMoney]).toEqual([2, 150]);
    // Losses: [−30, −20] = 2, −50 (the flat trade before them does not join the run).
    expect([s.maxConsecutiveLosses, s.maxConsecutiveLossesMoney]).toEqual([2, -50]);
  });

  it('a trade at exactly 0 ends a run: 10, 0, 20 is two runs of one winner', () => {
    const flat = computeResults({
      ...input,
      trades: [trade(10, 'long', 1), trade(0, 'long', 1), trade(20, 'long', 1)],
    }).stats;
    // Runs [10] and [20]: the longest is 1 trade; the first of the tie (10) is kept.
    expect([flat.maxConsecutiveWins, flat.maxConsecutiveWinsMoney]).toEqual([1, 10]);
  });

  it('long and short trades with their win rates', () => {
    // Long: 100, 50, −20 → 3 trades, 2 winners = 66.67 %. Short: 0, −30, 40, 60 → 4, 2 = 50 %.
    expect(s.longTrades).toBe(3);
    expect(s.longWinRate).toBeCloseTo(200 / 3, 12);
    expect(s.shortTrades).toBe(4);
    expect(s.shortWinRate).toBe(50);
  });

  it('holding time, swaps, commissions, stop-outs, refusals', () => {
    // (2 + 4 + 1 + 3 + 2 + 12 + 2) h = 26 h over 7 trades.
    expect(s.averageHoldingMs).toBeCloseTo((26 * H) / 7, 6);
    expect(s.totalSwaps).toBe(-3); // −1 − 2
    expect(s.totalCommissions).toBe(8); // 2 + 2 + 0 + 2 + 1 + 1 + 0
    expect(s.stopOuts).toBe(2);
    expect(s.rejectedOrders).toBe(3);
  });

  it('recovery factor, expected payoff, lowest margin level', () => {
    expect(s.netProfit).toBe(200);
    expect(s.recoveryFactor).toBe(2.5); // 200 / 80
    expect(s.expectedPayoff).toBeCloseTo(200 / 7, 12); // 28.571…
    expect(s.minMarginLevel).toBe(180); // min(250, 180); samples without margin do not count
  });

  it('monthly returns across a year boundary, a month without samples absent', () => {
    expect(monthly).toEqual([
      { month: '2023-11', profit: 200, returnPct: 2 }, // 10 200 − 10 000 = 200 → 2 %
      { month: '2024-01', profit: -510, returnPct: -5 }, // 9 690 − 10 200 → −510 / 10 200 = −5 %
      { month: '2024-02', profit: 484.5, returnPct: 5 }, // 10 174.5 − 9 690 → 484.5 / 9 690 = 5 %
    ]);
  });

  it('null where undefined: no drawdown, no trades, no margin', () => {
    const { stats: e, monthly: m } = computeResults({ ...input, trades: [], equity: [] });
    expect(e.recoveryFactor).toBeNull();
    expect(e.expectedPayoff).toBeNull();
    expect(e.averageHoldingMs).toBeNull();
    expect(e.longWinRate).toBeNull();
    expect(e.shortWinRate).toBeNull();
    expect(e.minMarginLevel).toBeNull();
    expect(e.rejectedOrders).toBe(0);
    expect(m).toEqual([]);
  });
});

describe('StatisticsAccumulator snapshots', () => {
  function fed(trades: Trade[], equity: EquitySample[], from?: Float64Array) {
    const acc = new StatisticsAccumulator(10_000);
    if (from) acc.restore(from);
    for (const t of trades) acc.addTrade(t);
    for (const e of equity) acc.addEquity(e);
    return acc;
  }

  it('straight vs split at k, snapshot, restore: the same statistics and months, bit for bit', () => {
    const straight = fed(TRADES, EQUITY);
    straight.addRejection(2);
    const first = fed(TRADES.slice(0, 3), EQUITY.slice(0, 2));
    first.addRejection();
    const snap = first.snapshot();
    // 37 fixed values, then base, 1 month, (month, equity).
    expect(snap.length).toBe(ACCUMULATOR_VALUES + 2 + 2);
    const resumed = fed(TRADES.slice(3), EQUITY.slice(2), snap);
    resumed.addRejection();
    expect(resumed.snapshot()).toEqual(straight.snapshot());
    expect(resumed.monthly()).toEqual(straight.monthly());
    expect(resumed.finish(EXPOSURE)).toStrictEqual(straight.finish(EXPOSURE));
  });

  it('a clone finishes without touching the live one', () => {
    const live = fed(TRADES, EQUITY);
    const before = live.snapshot();
    live.clone().finish(EXPOSURE);
    expect(live.snapshot()).toEqual(before);
  });

  it('restores the 19 values older versions stored: new statistics start neutral', () => {
    const old = fed(TRADES.slice(0, 2), EQUITY.slice(0, 3))
      .snapshot()
      .slice(0, ACCUMULATOR_VALUES_V1);
    expect(old.length).toBe(19);
    const acc = fed([TRADES[3], TRADES[4]], [EQUITY[3]], old);
    const s = acc.finish(EXPOSURE);
    // The old part: 2 trades, net 150, final equity 9 690 after the new sample.
    expect([s.trades, s.netProfit, s.finalEquity]).toEqual([4, 100, 9_690]);
    // Only the trades after the restore are split and streaked: −30, −20 (both stop-outs).
    expect([s.longTrades, s.shortTrades, s.stopOuts]).toEqual([1, 1, 2]);
    expect([s.maxConsecutiveWins, s.maxConsecutiveLosses]).toEqual([0, 2]);
    expect(s.averageHoldingMs).toBe(2.5 * H); // (3 + 2) h / 2: the trades it saw
    // The month table starts at the restored equity (10 200): January −510.
    expect(acc.monthly()).toEqual([{ month: '2024-01', profit: -510, returnPct: -5 }]);
  });

  it('refuses a snapshot of another length, saying so', () => {
    const acc = new StatisticsAccumulator(10_000);
    expect(() => acc.restore(new Float64Array(20))).toThrow(/19 or at least 39 values, not 20/);
    const snap = fed(TRADES, EQUITY).snapshot();
    const long = Float64Array.from([...snap, 1]);
    expect(() => acc.restore(long)).toThrow(/1 values too many/);
  });
});
