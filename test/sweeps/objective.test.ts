import { describe, expect, it } from 'vitest';
import {
  bestJob,
  maximises,
  objectiveValue,
  rankValue,
  type RankedJob,
} from '../../src/shared/sweep-objective.ts';
import { SWEEP_OBJECTIVES, type SweepObjective } from '../../src/shared/sweeps.ts';

type Stats = Record<string, number | null>;

/** The statistics sweep-objective.ts reads, with the nulls statistics.ts gives where undefined. */
function stats(over: Stats = {}): Stats {
  return {
    netProfit: 100,
    grossProfit: 300,
    grossLoss: -200,
    profitFactor: 1.5,
    sharpe: 1.2,
    returnPct: 1,
    maxDrawdownPct: 4,
    trades: 10,
    ...over,
  };
}

const job = (index: number, s: Stats | null, status = 'completed'): RankedJob => ({
  index,
  status,
  stats: s,
});

describe('objective values', () => {
  it('reads each objective from the statistics', () => {
    const s = stats();
    const expected: Record<SweepObjective, number> = {
      'net-profit': 100,
      'profit-factor': 1.5,
      sharpe: 1.2,
      'max-drawdown-pct': 4,
      'return-over-drawdown': 0.25,
    };
    for (const o of SWEEP_OBJECTIVES) {
      expect(objectiveValue(s, o), o).toBe(expected[o]);
      expect(rankValue(s, o), o).toBe(expected[o]);
    }
  });

  it('minimises only max-drawdown-pct', () => {
    expect(SWEEP_OBJECTIVES.filter((o) => !maximises(o))).toEqual(['max-drawdown-pct']);
  });

  it('ranks a profit factor without losers first when it made money, shows it as null', () => {
    const noLoser = stats({ profitFactor: null, grossLoss: 0, grossProfit: 50 });
    expect(rankValue(noLoser, 'profit-factor')).toBe(Infinity);
    expect(objectiveValue(noLoser, 'profit-factor')).toBeNull();
    // No trade at all (0/0): undefined, not infinite.
    const idle = stats({ profitFactor: null, grossLoss: 0, grossProfit: 0, trades: 0 });
    expect(rankValue(idle, 'profit-factor')).toBeNull();
    expect(bestJob([job(0, stats()), job(1, noLoser)], 'profit-factor', 0)).toBe(1);
  });

  it('ranks a positive return over a zero drawdown first; a flat or missing one is null', () => {
    const noDd = stats({ maxDrawdownPct: 0, returnPct: 2 });
    expect(rankValue(noDd, 'return-over-drawdown')).toBe(Infinity);
    expect(objectiveValue(noDd, 'return-over-drawdown')).toBeNull();
    expect(
      rankValue(stats({ maxDrawdownPct: 0, returnPct: 0 }), 'return-over-drawdown'),
    ).toBeNull();
    expect(rankValue(stats({ returnPct: null }), 'return-over-drawdown')).toBeNull();
    expect(rankValue(stats({ returnPct: -2, maxDrawdownPct: 8 }), 'return-over-drawdown')).toBe(
      -0.25,
    );
    expect(bestJob([job(0, stats()), job(1, noDd)], 'return-over-drawdown', 0)).toBe(1);
  });

  it('has no value without statistics or where the statistic is null', () => {
    for (const o of SWEEP_OBJECTIVES) expect(objectiveValue(null, o), o).toBeNull();
    expect(objectiveValue(stats({ sharpe: null }), 'sharpe')).toBeNull();
  });
});

describe('best job', () => {
  it('takes the largest value, or the smallest drawdown', () => {
    const jobs = [
      job(0, stats({ netProfit: 10, maxDrawdownPct: 3 })),
      job(1, stats({ netProfit: 30, maxDrawdownPct: 5 })),
      job(2, stats({ netProfit: -5, maxDrawdownPct: 2 })),
    ];
    expect(bestJob(jobs, 'net-profit', 0)).toBe(1);
    expect(bestJob(jobs, 'max-drawdown-pct', 0)).toBe(2);
  });

  it('breaks ties by the lowest index, whatever order the jobs come in', () => {
    const tied = [job(4, stats()), job(2, stats()), job(7, stats())];
    for (const o of SWEEP_OBJECTIVES) expect(bestJob(tied, o, 0), o).toBe(2);
    const infinite = stats({ profitFactor: null, grossLoss: 0 });
    expect(bestJob([job(5, infinite), job(3, infinite)], 'profit-factor', 0)).toBe(3);
  });

  it('ignores jobs with fewer than minTrades trades', () => {
    const jobs = [job(0, stats({ netProfit: 500, trades: 2 })), job(1, stats({ netProfit: 1 }))];
    expect(bestJob(jobs, 'net-profit', 0)).toBe(0);
    expect(bestJob(jobs, 'net-profit', 3)).toBe(1);
    expect(bestJob(jobs, 'net-profit', 11)).toBeNull();
    // An idle job has the smallest drawdown of all: minTrades is what keeps it from winning.
    const idle = job(2, stats({ trades: 0, maxDrawdownPct: 0 }));
    expect(bestJob([...jobs, idle], 'max-drawdown-pct', 0)).toBe(2);
    expect(bestJob([...jobs, idle], 'max-drawdown-pct', 1)).toBe(0);
  });

  it('ignores failed, unfinished and statistic-less jobs, and undefined values', () => {
    const great = stats({ netProfit: 1e9 });
    const jobs = [
      job(0, great, 'failed'),
      job(1, great, 'running'),
      job(2, great, 'interrupted'),
      job(3, great, 'pending'),
      job(4, null),
      job(5, stats({ netProfit: 7 })),
    ];
    expect(bestJob(jobs, 'net-profit', 0)).toBe(5);
    expect(bestJob([job(0, stats({ sharpe: null })), job(1, stats())], 'sharpe', 0)).toBe(1);
    expect(bestJob([job(0, stats({ sharpe: null }))], 'sharpe', 0)).toBeNull();
    expect(bestJob([], 'sharpe', 0)).toBeNull();
  });
});
