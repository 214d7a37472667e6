import type { OrderRejection, Trade } from '../../engine/portfolio/types.ts';
import type { EquitySample } from '../../engine/results/equity-tracker.ts';
import type { Db } from '../db/database.ts';

/**
 * A run's stored results, read back in one shape for every reader (export, statistics, the
 * app's results view). Iterators: a long run has millions of equity samples.
 */

/** Trades in the order they closed (a position closed in parts gives one row per part). */
export function storedTrades(db: Db, runId: string): IterableIterator<Trade> {
  return db
    .prepare(
      `SELECT trade_id AS id, symbol, side, size, entry_time AS entryTime, entry_price AS entryPrice,
         exit_time AS exitTime, exit_price AS exitPrice, exit_reason AS exitReason,
         gross_pnl AS grossPnl, commission, swap, net_pnl AS netPnl, mae_pips AS maePips,
         mae_money AS maeMoney, mfe_pips AS mfePips, mfe_money AS mfeMoney,
         stop_loss AS stopLoss, take_profit AS takeProfit
       FROM trades WHERE run_id = ? ORDER BY seq`,
    )
    .iterate(runId) as IterableIterator<Trade>;
}

/** The equity curve in time order (marginLevel null where no margin was in use). */
export function storedEquity(db: Db, runId: string): IterableIterator<EquitySample> {
  return db
    .prepare(
      `SELECT time, balance, equity, drawdown, drawdown_pct AS drawdownPct, margin,
         margin_level AS marginLevel
       FROM equity WHERE run_id = ? ORDER BY time`,
    )
    .iterate(runId) as IterableIterator<EquitySample>;
}

const REJECTION_COLUMNS = `time, order_id AS orderId, symbol, side, size, reason,
  required_margin AS requiredMargin, free_margin AS freeMargin`;

/** Orders the account refused, in the order they happened. */
export function storedRejections(db: Db, runId: string): IterableIterator<OrderRejection> {
  return db
    .prepare(`SELECT ${REJECTION_COLUMNS} FROM order_rejections WHERE run_id = ? ORDER BY seq`)
    .iterate(runId) as IterableIterator<OrderRejection>;
}

/**
 * The last `limit` refused orders, oldest first: what a view shows. A strategy that retries a
 * refused order on every tick leaves millions; the newest say how the run ended.
 */
export function newestRejections(db: Db, runId: string, limit: number): OrderRejection[] {
  return db
    .prepare(
      `SELECT ${REJECTION_COLUMNS} FROM (
         SELECT * FROM order_rejections WHERE run_id = ? ORDER BY seq DESC LIMIT ?
       ) ORDER BY seq`,
    )
    .all(runId, limit) as OrderRejection[];
}

/** How many orders the account refused. */
export function countRejections(db: Db, runId: string): number {
  return db
    .prepare('SELECT COUNT(*) FROM order_rejections WHERE run_id = ?')
    .pluck()
    .get(runId) as number;
}
