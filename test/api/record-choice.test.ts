/**
 * runs:start with `record` (the New backtest form's checkboxes) through the real backend: the run
 * stores what was chosen, says so in its config, and its statistics equal those of a run that
 * stored everything.
 */
import { describe, expect, it } from 'vitest';
import { completedRun, useBackends } from './helpers.ts';

const backendIn = useBackends();
const ARGS = {
  symbols: ['EURUSD'],
  strategy: 'ma-cross',
  params: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 10, lots: 0.5 },
  checkpoints: null,
};

describe('runs:start with record', () => {
  it('stores what was chosen and computes the same statistics', async () => {
    const full = await completedRun(backendIn, ARGS);
    const chosen = await completedRun(backendIn, { ...ARGS, record: ['equity', 'bars'] });
    const fullRun = await full.backend.invoke('runs:get', { runId: full.runId });
    const run = await chosen.backend.invoke('runs:get', { runId: chosen.runId });
    expect(run.record).toEqual(['bars', 'equity']);
    expect(fullRun.record).toEqual(['bars', 'trades', 'equity']);
    expect(run.stats).toEqual(fullRun.stats);
    expect((run.stats as { trades: number }).trades).toBeGreaterThan(0);
  }, 120_000);
});
