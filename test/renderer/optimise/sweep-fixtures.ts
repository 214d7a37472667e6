/**
 * Sweeps as the backend describes them (src/shared/sweeps.ts), for the Optimise screen's tests:
 * a strategy schema to sweep, a spec, and jobs with statistics chosen so that sorting, the best
 * job and the heatmap's best-over-other-params have one right answer a reader can check by eye.
 */
import type { StrategyList } from '../../../src/shared/dto.ts';
import type {
  SweepDetail,
  SweepInfo,
  SweepJobInfo,
  SweepSpec,
} from '../../../src/shared/sweeps.ts';

export const STRATEGIES: StrategyList = {
  strategies: [
    {
      name: 'ma-cross',
      description: 'Moving-average crossover',
      source: 'builtin',
      file: null,
      params: [
        { name: 'fast', type: 'integer', default: 10, min: 2, max: 100, description: 'fast MA' },
        { name: 'slow', type: 'integer', default: 30, min: 2, max: 400, description: 'slow MA' },
        { name: 'risk', type: 'number', default: 0.5, min: 0, description: 'risk per trade' },
        { name: 'useTrend', type: 'boolean', default: true, description: 'trend filter' },
        { name: 'trendTimeframe', type: 'timeframe', default: 'D1', description: 'trend bars' },
        { name: 'note', type: 'string', default: 'x', description: 'free text' },
      ],
    },
  ],
  errors: [],
};

export function spec(over: Partial<SweepSpec> = {}): SweepSpec {
  return {
    base: {
      symbols: ['EURUSD'],
      from: null,
      to: null,
      strategy: 'ma-cross',
      fixed: { risk: 0.5 },
      record: ['trades', 'equity'],
    },
    params: [
      { name: 'fast', kind: 'range', from: 5, to: 10, step: 5 },
      { name: 'slow', kind: 'list', values: [20, 30] },
      { name: 'useTrend', kind: 'list', values: [false, true] },
    ],
    search: { kind: 'grid' },
    objective: 'net-profit',
    minTrades: 1,
    walkForward: null,
    ...over,
  };
}

const stats = (netProfit: number | null, over: Record<string, number | null> = {}) => ({
  netProfit,
  profitFactor: netProfit === null ? null : 1 + netProfit / 1000,
  maxDrawdownPct: netProfit === null ? null : 10 - netProfit / 100,
  sharpe: netProfit === null ? null : netProfit / 100,
  trades: 12,
  winRate: 50,
  ...over,
});

export function job(
  index: number,
  params: SweepJobInfo['params'],
  netProfit: number | null,
  over: Partial<SweepJobInfo> = {},
): SweepJobInfo {
  const done = netProfit !== null;
  return {
    index,
    phase: 'search',
    window: null,
    params,
    status: done ? 'completed' : 'pending',
    runId: done ? `run-${index}` : null,
    stats: done ? stats(netProfit) : null,
    objective: netProfit,
    error: null,
    ...over,
  };
}

/**
 * Grid order (first param slowest): fast 5|10 × slow 20|30 × useTrend false|true. Best over
 * useTrend per (fast, slow): (5,20) → 150 (job 1), (5,30) → -40 (job 2), (10,20) → 300 (job 5),
 * (10,30) → nothing finished (job 6 failed, job 7 pending). Best overall: job 5.
 */
export function jobs(): SweepJobInfo[] {
  return [
    job(0, { fast: 5, slow: 20, useTrend: false }, 100),
    job(1, { fast: 5, slow: 20, useTrend: true }, 150),
    job(2, { fast: 5, slow: 30, useTrend: false }, -40),
    job(3, { fast: 5, slow: 30, useTrend: true }, -80),
    job(4, { fast: 10, slow: 20, useTrend: false }, 20),
    job(5, { fast: 10, slow: 20, useTrend: true }, 300),
    job(6, { fast: 10, slow: 30, useTrend: false }, null, {
      status: 'failed',
      runId: 'run-6',
      error: 'strategy threw: slow must exceed fast',
    }),
    job(7, { fast: 10, slow: 30, useTrend: true }, null),
  ];
}

export function sweepInfo(over: Partial<SweepInfo> = {}): SweepInfo {
  return {
    id: 'sw-20261130-110444-04d3',
    createdAt: Date.UTC(2026, 10, 30, 11, 4, 44),
    status: 'running',
    spec: spec(),
    jobsTotal: 8,
    jobsDone: 6,
    jobsFailed: 1,
    bestJob: 5,
    seconds: 42,
    error: null,
    ...over,
  };
}

export function sweepDetail(over: Partial<SweepDetail> = {}): SweepDetail {
  return { ...sweepInfo(), jobs: jobs(), windows: [], oosStats: null, ...over };
}
