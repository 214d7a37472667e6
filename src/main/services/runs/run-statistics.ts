import {
  computeResults,
  type MonthlyReturn,
  type Statistics,
} from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
import { storedEquity, storedTrades } from './result-rows.ts';
import type { RunConfig } from './run-config.ts';

/** A run's statistics and the monthly returns table of its report, from one pass. */
export interface RunStatistics {
  stats: Statistics;
  monthly: MonthlyReturn[];
}

/**
 * Statistics of a run from what it stored — trades and the equity curve, streamed out of SQLite
 * (a long run has millions of samples) — so they can be recomputed from the store. Of a run
 * that has not finished, they are its statistics to date (its open positions are in the last
 * sample's equity, not among the trades).
 */
export function runStatistics(
  db: Db,
  runId: string,
  config: RunConfig,
  exposure: { inMarketMs: number; firstTime: number; lastTime: number },
): RunStatistics {
  return computeResults({
    trades: storedTrades(db, runId),
    equity: storedEquity(db, runId),
    startBalance: config.account.balance,
    exposure,
    rejections: storedRejections(db, runId),
  });
}

function storedRejections(db: Db, runId: string): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM order_rejections WHERE run_id = ?')
    .get(runId) as { n: number };
  return row.n;
}
