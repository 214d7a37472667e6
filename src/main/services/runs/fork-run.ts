import type { CheckpointData } from '../checkpoints/checkpoint-data.ts';
import type { Db } from '../db/database.ts';
import { copyBarsUpTo } from './bar-store/stored-bars.ts';
import { insertRun } from './run-store.ts';
import { copyTally } from './run-tallies.ts';

/**
 * Makes a new run that starts where a checkpoint of `parentRunId` left off: same config, and a
 * copy of the parent's output up to the checkpoint's watermarks (the checkpoint's pending rows
 * are queued by the resumed session). The parent is not touched. Returns the new run's id.
 */
export function forkRun(db: Db, parentRunId: string, data: CheckpointData): string {
  const child = insertRun(db, data.config, data.ticksTotal, { runId: parentRunId, seq: data.seq });
  const wm = data.watermarks;
  db.transaction(() => {
    data.config.symbols.forEach((symbol, s) =>
      data.config.timeframes.forEach((timeframe, k) =>
        copyBarsUpTo(db, { runId: parentRunId, symbol, timeframe }, child.id, wm.bars[s][k]),
      ),
    );
    // Columns named on both sides: migrations append columns, so table order is not theirs.
    const trades = `seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time,
      exit_price, exit_reason, gross_pnl, commission, net_pnl, swap, mae_pips, mae_money, mfe_pips,
      mfe_money, stop_loss, take_profit`;
    db.prepare(
      `INSERT INTO trades (run_id, ${trades}) SELECT ?, ${trades} FROM trades
       WHERE run_id = ? AND seq <= ?`,
    ).run(child.id, parentRunId, wm.tradeSeq);
    const equity = 'time, balance, equity, drawdown, drawdown_pct, margin, margin_level';
    db.prepare(
      `INSERT INTO equity (run_id, ${equity}) SELECT ?, ${equity} FROM equity
       WHERE run_id = ? AND time <= ?`,
    ).run(child.id, parentRunId, wm.equityTime ?? -8.64e15);
    const rejections =
      'seq, time, order_id, symbol, side, size, reason, required_margin, free_margin';
    db.prepare(
      `INSERT INTO order_rejections (run_id, ${rejections}) SELECT ?, ${rejections}
       FROM order_rejections WHERE run_id = ? AND seq <= ?`,
    ).run(child.id, parentRunId, wm.rejectionSeq);
    copyTally(
      db,
      { runId: parentRunId, tradeSeq: wm.tradeSeq, equityTime: wm.equityTime },
      child.id,
    );
  })();
  return child.id;
}
