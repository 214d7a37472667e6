import { describe, expect, it } from 'vitest';
import { bestColumns } from '../../../src/renderer/src/screens/compare/best-of-row.ts';
import { mergeEquity } from '../../../src/renderer/src/screens/compare/merge-equity.ts';

const pt = (time: number, equity: number) => ({
  time,
  balance: equity,
  equity,
  drawdown: 0,
  drawdownPct: 0,
  margin: 0,
  marginLevel: null,
});

describe('bestColumns', () => {
  it('marks every column tied for the best, and none when all are equal', () => {
    const s = (netProfit: number | null) => ({ netProfit });
    expect(bestColumns('netProfit', [s(5), s(9), s(9)])).toEqual([1, 2]);
    expect(bestColumns('netProfit', [s(3), s(3)])).toEqual([]);
  });

  it('needs two runs with a value, and ignores runs without one', () => {
    expect(bestColumns('sharpe', [{ sharpe: 1 }, { sharpe: null }])).toEqual([]);
    expect(bestColumns('sharpe', [{ sharpe: 1 }, null, { sharpe: 2 }])).toEqual([2]);
  });

  it('prefers the smaller drawdown and the less negative loss', () => {
    expect(bestColumns('maxDrawdownPct', [{ maxDrawdownPct: 4 }, { maxDrawdownPct: 2 }])).toEqual([
      1,
    ]);
    expect(bestColumns('largestLoss', [{ largestLoss: -50 }, { largestLoss: -20 }])).toEqual([1]);
  });

  it('ranks a profit factor without losers first only when there was profit', () => {
    const pf = (profitFactor: number | null, grossProfit: number) => ({
      profitFactor,
      grossProfit,
    });
    expect(bestColumns('profitFactor', [pf(3, 30), pf(null, 10)])).toEqual([1]);
    expect(bestColumns('profitFactor', [pf(0.5, 30), pf(null, 0)])).toEqual([]);
  });

  it('prefers fewer stop-outs and refusals, and the higher lowest margin level', () => {
    expect(bestColumns('stopOuts', [{ stopOuts: 0 }, { stopOuts: 2 }])).toEqual([0]);
    expect(bestColumns('rejectedOrders', [{ rejectedOrders: 3 }, { rejectedOrders: 1 }])).toEqual([
      1,
    ]);
    expect(
      bestColumns('minMarginLevel', [{ minMarginLevel: 80 }, { minMarginLevel: 400 }]),
    ).toEqual([1]);
  });

  it('has no best for a statistic of taste', () => {
    expect(bestColumns('trades', [{ trades: 1 }, { trades: 9 }])).toEqual([]);
  });
});

describe('mergeEquity', () => {
  it('puts every run on the union of the sample times, leaving gaps where a run has none', () => {
    const rows = mergeEquity([
      [pt(10, 100), pt(30, 130)],
      [pt(20, 200), pt(30, 230)],
    ]);
    expect(rows).toEqual([
      { time: 10, run0: 100 },
      { time: 20, run1: 200 },
      { time: 30, run0: 130, run1: 230 },
    ]);
  });
});
