import type { Backtest, BacktestStrategy } from '../../engine/backtest/backtest.ts';
import { runWarnings } from '../../engine/results/run-warnings.ts';
import type { RunReport, Statistics } from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
import type { RunConfig } from './run-config.ts';
import type { RunRecorder } from './run-recorder.ts';
import { runStatistics } from './run-statistics.ts';

/** What a run with a strategy stores beside its status: runs.stats and runs.report. */
export interface StatsAndReport {
  stats: Statistics;
  report: RunReport;
}

interface Finished {
  db: Db;
  runId: string;
  config: RunConfig;
  backtest: Backtest;
  recorder: RunRecorder;
}

/**
 * The statistics and report of a completed run: from the live accumulator of a run that keeps
 * no rows, else from its rows; the warnings look at what its indicators had at the end.
 */
export function finalResults(f: Finished, strategy: BacktestStrategy | null): StatsAndReport {
  const exposure = f.backtest.portfolio.exposure();
  const { stats, monthly } =
    f.recorder.statistics(exposure) ?? runStatistics(f.db, f.runId, f.config, exposure);
  const warnings = runWarnings({
    strategy: f.config.strategy?.name ?? strategy?.module.name ?? '',
    trades: stats.trades,
    rejectedOrders: stats.rejectedOrders,
    needs: strategyNeeds(strategy, f.config),
    engine: f.backtest.engine,
  });
  return { stats, report: { monthly, warnings, toDate: false } };
}

/**
 * Statistics "to date" of a run that stopped before its end (paused, failed): what it stored so
 * far, its open positions counted at the last prices (they are in the last equity sample's
 * equity, not among the trades). Rows must be flushed first. Never touches the live state: a
 * run resumed from here ends with the statistics of one never interrupted.
 */
export function toDateResults(f: Finished): StatsAndReport {
  const exposure = f.backtest.portfolio.exposure();
  const { stats, monthly } =
    f.recorder.statisticsToDate(exposure) ?? runStatistics(f.db, f.runId, f.config, exposure);
  const warnings =
    stats.rejectedOrders > 0
      ? runWarnings({
          strategy: f.config.strategy?.name ?? '',
          trades: Math.max(1, stats.trades), // no "made no trade" before the end
          rejectedOrders: stats.rejectedOrders,
          needs: {},
          engine: f.backtest.engine,
        })
      : [];
  return { stats, report: { monthly, warnings, toDate: true } };
}

/**
 * What the strategy said it reads (requires(params), as prepareRun asked it). User code: if it
 * throws now, the run's own indicators and timeframes stand in — a warning is no reason to fail
 * a run that completed.
 */
function strategyNeeds(strategy: BacktestStrategy | null, config: RunConfig) {
  try {
    if (!strategy) throw new Error('no strategy module');
    const needs = strategy.module.requires?.(strategy.params) ?? {};
    return { timeframes: needs.timeframes, indicators: needs.indicators };
  } catch {
    return { indicators: config.indicators };
  }
}
