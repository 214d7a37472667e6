import { describe, expect, it } from 'vitest';
import type { Trade } from '../../src/main/engine/portfolio/types.ts';
import type { EquitySample } from '../../src/main/engine/results/equity-tracker.ts';
import {
  computeStatistics,
  type StatisticsInput,
} from '../../src/main/engine/results/statistics.ts';

const H = 3_600_000;
const DAY = 24 * H;
/** 2024-01-01T00:00:00Z. */
const JAN1 = Date.UTC(2024, 0, 1);

function trade(netPnl: number): Trade {
  return {
    id: 1,
    symbol: 'EURUSD',
    side: 'long',
    size: 1000,
    entryTime: JAN1,
    entryPrice: 1.1,
    exitTime: JAN1 + H,
    exitPrice: 1.1,
    exitReason: 'signal',
    grossPnl: netPnl,
    commission: 0,
    swap: 0,
    netPnl,
    maePips: 0,
    maeMoney: 0,
    mfePips: 0,
    mfeMoney: 0,
    stopLoss: null,
    takeProfit: null,
  };
}

function sample(time: number, balance: number, equity: number, drawdown = 0, drawdownPct = 0) {
  return {
    time,
    balance,
    equity,
    drawdown,
    drawdownPct,
    margin: 0,
    marginLevel: null,
  } satisfies EquitySample;
}

/**
 * Start 10 000. Equity at the last sample of each UTC day (Jan 4 has none, so it is skipped):
 *   Jan 1: 10 100    r = 10 100 / 10 000 − 1     = +0.01
 *   Jan 2:  9 999    r =  9 999 / 10 100 − 1     = −0.01
 *   Jan 3: 10 198.98 r = 10 198.98 / 9 999 − 1   = +0.02
 *   Jan 5: 10 198.98 r = 0  (after a dip to 9 900 at 09:00)
 * mean = 0.02 / 4 = 0.005; deviations ±0.005, ∓0.015 → Σ² = 2 × 2.5e-5 + 2 × 2.25e-4 = 5e-4;
 * sample variance 5e-4 / 3; Sharpe = 0.005 / √(5e-4 / 3) × √252 = 0.005 × √(6000 × 252)
 * = 0.005 × √1 512 000 = 6.1481705…
 * Drawdowns: 101 at Jan 2 (peak 10 100 → 1 %), 298.98 at Jan 5 09:00 (peak 10 198.98 →
 * 2.9314696…%).
 */
const EQUITY: EquitySample[] = [
  sample(JAN1 + 10 * H, 10_000, 10_050),
  sample(JAN1 + 20 * H, 10_000, 10_100),
  sample(JAN1 + DAY + 12 * H, 10_000, 9999, 101, 1),
  sample(JAN1 + 2 * DAY + 12 * H, 10_100, 10_198.98),
  sample(JAN1 + 4 * DAY + 9 * H, 10_100, 9900, 298.98, (298.98 / 10_198.98) * 100),
  sample(JAN1 + 4 * DAY + 18 * H, 10_198.98, 10_198.98),
];

/** Net 100 − 50 + 173.98 − 25 + 0 = 198.98 = final balance − start. */
const TRADES = [100, -50, 173.98, -25, 0].map(trade);

function input(over: Partial<StatisticsInput> = {}): StatisticsInput {
  return {
    trades: TRADES,
    equity: EQUITY,
    startBalance: 10_000,
    // 2 days in the market over Jan 1 00:00 → Jan 5 18:00 (4.75 days): 42.105…%.
    exposure: { inMarketMs: 2 * DAY, firstTime: JAN1, lastTime: JAN1 + 4 * DAY + 18 * H },
    ...over,
  };
}

describe('computeStatistics', () => {
  it('matches a hand-computed run', () => {
    const s = computeStatistics(input());
    expect(s.trades).toBe(5);
    expect(s.winningTrades).toBe(2);
    expect(s.losingTrades, 'a trade at exactly 0 is neither').toBe(2);
    expect(s.netProfit).toBeCloseTo(198.98, 9);
    expect(s.netProfit).toBeCloseTo(s.finalBalance - s.startBalance, 9);
    expect(s.grossProfit).toBeCloseTo(273.98, 9);
    expect(s.grossLoss).toBe(-75);
    expect(s.profitFactor).toBeCloseTo(273.98 / 75, 12);
    expect(s.winRate).toBe(40);
    expect(s.averageTrade).toBeCloseTo(39.796, 9);
    expect(s.averageWin).toBeCloseTo(136.99, 9);
    expect(s.averageLoss).toBe(-37.5);
    expect(s.largestWin).toBe(173.98);
    expect(s.largestLoss).toBe(-50);
    expect(s.maxDrawdown).toBe(298.98);
    expect(s.maxDrawdownPct).toBeCloseTo(2.9314696, 6);
    expect(s.sharpe).toBeCloseTo(6.1481705, 6);
    expect(s.exposurePct).toBeCloseTo(42.1052632, 6);
    expect(s.startBalance).toBe(10_000);
    expect(s.finalBalance).toBe(10_198.98);
    expect(s.finalEquity).toBe(10_198.98);
    expect(s.returnPct).toBeCloseTo(1.9898, 9);
  });

  it('gives null, not NaN or Infinity, for what an empty run leaves undefined', () => {
    const s = computeStatistics(input({ trades: [], equity: [], exposure: zeroSpan() }));
    expect(s).toEqual({
      startBalance: 10_000,
      finalBalance: 10_000,
      finalEquity: 10_000,
      returnPct: 0,
      netProfit: 0,
      grossProfit: 0,
      grossLoss: 0,
      profitFactor: null,
      maxDrawdown: 0,
      maxDrawdownPct: 0,
      sharpe: null,
      trades: 0,
      winningTrades: 0,
      losingTrades: 0,
      winRate: null,
      averageTrade: null,
      averageWin: null,
      averageLoss: null,
      largestWin: null,
      largestLoss: null,
      exposurePct: null,
      recoveryFactor: null,
      expectedPayoff: null,
      maxConsecutiveWins: 0,
      maxConsecutiveWinsMoney: 0,
      maxConsecutiveLosses: 0,
      maxConsecutiveLossesMoney: 0,
      longTrades: 0,
      longWinRate: null,
      shortTrades: 0,
      shortWinRate: null,
      averageHoldingMs: null,
      totalSwaps: 0,
      totalCommissions: 0,
      minMarginLevel: null,
      stopOuts: 0,
      rejectedOrders: 0,
    });
    // The key order is fixed: exports and the stored JSON print it.
    expect(Object.keys(s).slice(-3)).toEqual(['minMarginLevel', 'stopOuts', 'rejectedOrders']);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('profit factor: null without losers (even with winners), 0 without winners', () => {
    const onlyWins = computeStatistics(input({ trades: [trade(10), trade(5)] }));
    expect(onlyWins.profitFactor).toBeNull();
    expect(onlyWins.grossProfit).toBe(15);
    expect(onlyWins.averageLoss).toBeNull();
    const onlyLosses = computeStatistics(input({ trades: [trade(-10), trade(-30)] }));
    expect(onlyLosses.profitFactor).toBe(0);
    expect(onlyLosses.largestLoss).toBe(-30);
    expect(onlyLosses.winRate).toBe(0);
    const breakEven = computeStatistics(input({ trades: [trade(0)] }));
    expect([breakEven.profitFactor, breakEven.winRate, breakEven.averageTrade]).toEqual([
      null,
      0,
      0,
    ]);
  });

  it('Sharpe is null with fewer than two daily returns or a zero spread of returns', () => {
    const oneDay = [sample(JAN1 + H, 0, 10_100), sample(JAN1 + 2 * H, 0, 10_200)];
    expect(computeStatistics(input({ equity: oneDay })).sharpe).toBeNull();
    // +1 % every day: stdev 0 (up to float noise in the ratios).
    const steady = [0, 1, 2].map((d) => sample(JAN1 + d * DAY, 0, 10_000 * 1.01 ** (d + 1)));
    expect(computeStatistics(input({ equity: steady })).sharpe).toBeNull();
    const ruined = [sample(JAN1, 0, 0), sample(JAN1 + DAY, 0, 100), sample(JAN1 + 2 * DAY, 0, 50)];
    expect(computeStatistics(input({ equity: ruined })).sharpe, 'equity hit 0').toBeNull();
  });

  it('reads the equity curve once, as a stream, without needing an array', () => {
    let pulled = 0;
    function* curve(): Generator<EquitySample> {
      for (let i = 0; i < 200_000; i++) {
        pulled++;
        // Hourly samples for ~8 000 days; equity alternates +1 / −1 around 10 000.
        yield sample(JAN1 + i * H, 10_000, 10_000 + (i % 2 === 0 ? 1 : -1));
      }
    }
    const s = computeStatistics(input({ equity: curve() }));
    expect(pulled).toBe(200_000);
    expect(s.finalEquity).toBe(9999);
    // The last sample of each day is hour 23 (odd i), 9 999: one return −a (a = 1e-4), then
    // zeros, over n = 8 334 days (200 000 h = 8 333 d 8 h). mean = −a/n; Σ(r − mean)² =
    // a²(n − 1)/n, so stdev = a/√n and Sharpe = −√252 / √n.
    expect(s.sharpe).toBeCloseTo(-Math.sqrt(252 / 8334), 9);
  });
});

function zeroSpan() {
  return { inMarketMs: 0, firstTime: NaN, lastTime: NaN };
}
