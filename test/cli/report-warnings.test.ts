/**
 * The no-trade warning of the run report through the real CLI (issue 12): a strategy whose
 * indicators never had the bars they need within the data says which, and how many.
 */
import { describe, expect, it } from 'vitest';
import { RUN_ARGS, runJson, useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { storedRun } from './report-helpers.ts';

/** EURUSD ticks 2024-01-01T00:00Z … 2024-01-03T23:59Z (3 days). */
const folder = useDataFolders(3, 7);

describe('the no-trade warning', () => {
  it('names each indicator that never had its bars, with what it needs and what the data gave', () => {
    const dir = folder();
    const args = ['--param', 'timeframe=D1', '--param', 'trendTimeframe=D1'];
    const r = runJson(dir, ['run', '--symbol', 'EURUSD', '--strategy', 'ma-cross', ...args]);
    // 3 days of ticks close 3 D1 bars (Jan 1, Jan 2, and Jan 3 at the end of the data);
    // ma-cross's defaults: ema(10), ema(30) and its trend ema(50), on D1 — each needs `period` bars.
    expect((r.bars as Record<string, number>).D1).toBe(3);
    expect(storedRun(dir, r.runId).report).toEqual({
      monthly: [{ month: '2024-01', profit: 0, returnPct: 0 }],
      warnings: [
        'ma-cross made no trade: ema(10) on EURUSD D1 needs 10 bars, the data gave 3',
        'ma-cross made no trade: ema(30) on EURUSD D1 needs 30 bars, the data gave 3',
        'ma-cross made no trade: ema(50) on EURUSD D1 needs 50 bars, the data gave 3',
      ],
      toDate: false,
    });
  });

  it('stays quiet when the strategy traded', () => {
    const dir = folder();
    const r = runJson(dir, ['run', ...RUN_ARGS]);
    const run = storedRun(dir, r.runId);
    expect(run.stats!.trades).toBeGreaterThan(0);
    expect(run.report!.warnings).toEqual([]);
  });
});
