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
    db.prepare(
      `INSERT INTO trades SELECT ?, seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time,
         exit_price, exit_reason, gross_pnl, commission, net_pnl FROM trades WHERE run_id = ? AND seq <= ?`,
    ).run(child.id, parentRunId, wm.tradeSeq);
    db.prepare(
      `INSERT INTO equity SELECT ?, time, balance, equity, drawdown, drawdown_pct FROM equity
       WHERE run_id = ? AND time <= ?`,
    ).run(child.id, parentRunId, wm.equityTime ?? -8.64e15);
    copyTally(
      db,
      { runId: parentRunId, tradeSeq: wm.tradeSeq, equityTime: wm.equityTime },
      child.id,
    );
  })();
  return child.id;
}
