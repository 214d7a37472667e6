/**
 * A run's committed output up to a checkpoint's watermarks, as the rows RunRecorder queues
 * (its onBarClosed / onTrade / onEquity tuples). A savepoint carries them as pending rows ahead
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
         exit_reason, gross_pnl, commission, net_pnl
       FROM trades WHERE run_id = ? AND seq <= ? ORDER BY seq`,
    )
    .raw()
    .all(d.runId, d.watermarks.tradeSeq) as unknown[][];
  const floats = [6, 8, 10, 11, 12];
  return rows.map((r) => r.map((v, i) => (floats.includes(i) ? real(v) : v)));
}

function committedEquity(db: Db, d: CheckpointData): unknown[][] {
  if (d.watermarks.equityTime === null) return [];
  const rows = db
    .prepare(
      `SELECT time, balance, equity, drawdown, drawdown_pct FROM equity
       WHERE run_id = ? AND time <= ? ORDER BY time`,
    )
    .raw()
    .all(d.runId, d.watermarks.equityTime) as unknown[][];
  return rows.map((r) => r.map((v, i) => (i === 0 ? v : real(v))));
}

/** Committed rows (up to the watermarks) followed by the checkpoint's own pending rows. */
export function allOutputRows(db: Db, d: CheckpointData): PendingRows {
  return {
    bars: [...committedBars(db, d), ...d.pending.bars],
    trades: [...committedTrades(db, d), ...d.pending.trades],
    equity: [...committedEquity(db, d), ...d.pending.equity],
  };
}
