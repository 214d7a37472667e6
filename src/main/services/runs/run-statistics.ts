import type { Trade } from '../../engine/portfolio/types.ts';
import type { EquitySample } from '../../engine/results/equity-tracker.ts';
import { computeStatistics, type Statistics } from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
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
  const trades = db
    .prepare(
      `SELECT trade_id AS id, symbol, side, size, entry_time AS entryTime, entry_price AS entryPrice,
         exit_time AS exitTime, exit_price AS exitPrice, exit_reason AS exitReason, gross_pnl AS grossPnl,
         commission, net_pnl AS netPnl FROM trades WHERE run_id = ? ORDER BY seq`,
    )
    .iterate(runId) as Iterable<Trade>;
  const equity = db
    .prepare(
      `SELECT time, balance, equity, drawdown, drawdown_pct AS drawdownPct FROM equity
       WHERE run_id = ? ORDER BY time`,
    )
    .iterate(runId) as Iterable<EquitySample>;
  return computeStatistics({ trades, equity, startBalance: config.account.balance, exposure });
}
