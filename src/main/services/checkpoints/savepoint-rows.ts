/**
 * A run's committed output up to a checkpoint's watermarks, as the rows RunRecorder queues
 * (its onBarClosed / onTrade / onEquity / onReject tuples). A savepoint carries them as pending rows ahead
 * of the checkpoint's own pending ones: resumed anywhere, the recorder commits them first, so
 * the run's output there is complete without any copy of this data folder's database.
 */
import type { Db } from '../db/database.ts';
import { readHistoryTail } from '../runs/bar-store/history-tail.ts';
import type { CheckpointData, PendingRows } from './checkpoint-data.ts';

/** Columns before the indicator values in a history row (time, OHLCV, ticks). */
const BASE = 7;

/** SQLite stores NaN as NULL; the row must carry the number the run produced. */
const real = (v: unknown): unknown => (v === null ? NaN : v);

function committedBars(db: Db, d: CheckpointData): unknown[][] {
  const out: unknown[][] = [];
  const { symbols, timeframes } = d.config;
  d.state.engine.histories.forEach((row, s) =>
    row.forEach((h, k) => {
      // No (symbol, timeframe) closed more bars than the whole timeframe did: a finite bound.
      const most = d.state.engine.barsClosed[k];
      const upto = d.watermarks.bars[s][k];
      const rows = readHistoryTail(db, d.runId, symbols[s], timeframes[k], upto, most, h.width);
      for (let o = 0; o < rows.length; o += h.width) {
        const values = rows.slice(o + BASE, o + h.width);
        const bar: unknown[] = [symbols[s], timeframes[k]];
        for (let c = 0; c < BASE; c++) bar.push(rows[o + c]);
        bar.push(new Uint8Array(values.buffer));
        out.push(bar);
      }
    }),
  );
  return out;
}

function committedTrades(db: Db, d: CheckpointData): unknown[][] {
  const rows = db
    .prepare(
      `SELECT seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time, exit_price,
         exit_reason, gross_pnl, commission, net_pnl, swap, mae_pips, mae_money, mfe_pips, mfe_money,
         stop_loss, take_profit
       FROM trades WHERE run_id = ? AND seq <= ? ORDER BY seq`,
    )
    .raw()
    .all(d.runId, d.watermarks.tradeSeq) as unknown[][];
  const floats = [6, 8, 10, 11, 12, 13, 14, 15, 16, 17];
  return rows.map((r) => r.map((v, i) => (floats.includes(i) ? real(v) : v)));
}

function committedEquity(db: Db, d: CheckpointData): unknown[][] {
  if (d.watermarks.equityTime === null) return [];
  const rows = db
    .prepare(
      `SELECT time, balance, equity, drawdown, drawdown_pct, margin, margin_level FROM equity
       WHERE run_id = ? AND time <= ? ORDER BY time`,
    )
    .raw()
    .all(d.runId, d.watermarks.equityTime) as unknown[][];
  // margin_level is NULL where no margin was used: the sample's own null, not a lost NaN.
  return rows.map((r) => r.map((v, i) => (i === 0 || i === 6 ? v : real(v))));
}

function committedRejections(db: Db, d: CheckpointData): unknown[][] {
  return db
    .prepare(
      `SELECT seq, time, order_id, symbol, side, size, reason, required_margin, free_margin
       FROM order_rejections WHERE run_id = ? AND seq <= ? ORDER BY seq`,
    )
    .raw()
    .all(d.runId, d.watermarks.rejectionSeq) as unknown[][];
}

/** Committed rows (up to the watermarks) followed by the checkpoint's own pending rows. */
export function allOutputRows(db: Db, d: CheckpointData): PendingRows {
  return {
    bars: [...committedBars(db, d), ...d.pending.bars],
    trades: [...committedTrades(db, d), ...d.pending.trades],
    equity: [...committedEquity(db, d), ...d.pending.equity],
    rejections: [...committedRejections(db, d), ...d.pending.rejections],
  };
}
