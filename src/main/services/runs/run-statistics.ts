import { computeStatistics, type Statistics } from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
import { storedEquity, storedTrades } from './result-rows.ts';
import type { RunConfig } from './run-config.ts';

/**
 * Statistics of a finished run from what it stored — trades and the equity curve, streamed out
 * of SQLite (a long run has millions of samples) — so they can be recomputed from the store.
 */
export function runStatistics(
  db: Db,
  runId: string,
  config: RunConfig,
  exposure: { inMarketMs: number; firstTime: number; lastTime: number },
): Statistics {
  return computeStatistics({
    trades: storedTrades(db, runId),
    equity: storedEquity(db, runId),
    startBalance: config.account.balance,
    exposure,
  });
}
