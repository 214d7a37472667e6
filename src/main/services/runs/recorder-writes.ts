/**
 * What one RunRecorder commit writes, as plain data. The recorder builds it on the engine thread
 * and writes it there when a chunk fills up or a batch of rows is due; for a checkpoint it hands
 * it to the checkpoint writer thread instead, which commits it on its own connection before the
 * checkpoint file gets its name (checkpoint-writer-worker.ts). So a checkpoint's commit (zstd of
 * the bar pieces, the SQLite transaction) never pauses the engine, and a named checkpoint file
 * always has its rows committed.
 */
import type { Db } from '../db/database.ts';
import type { BarColumns } from './bar-store/bar-chunk-codec.ts';
import { insertPieceUnlessCovered, replacePieces } from './bar-store/bar-chunks.ts';
import { saveTally } from './run-tallies.ts';

/** Equity rows per INSERT statement (8 values each, well under SQLite's 32766 variables). */
const EQUITY_BLOCK = 64;

export interface SeriesWrite {
  symbol: string;
  timeframe: string;
  bars: BarColumns;
  /** A full chunk that replaces the pieces of it committed before (BarBuffer.take). */
  replacesPieces: boolean;
}

export interface RecorderWrites {
  runId: string;
  bars: SeriesWrite[];
  trades: unknown[][];
  equity: unknown[][];
  /** Orders the account refused (RunRecorder.onReject rows); stored whenever trades are. */
  rejections: unknown[][];
  /** The running statistics of a run that does not store trades or equity (run-tallies.ts). */
  tally: { tradeSeq: number; equityTime: number | null; state: Float64Array } | null;
}

export function hasWrites(w: RecorderWrites): boolean {
  return (
    w.bars.length > 0 ||
    w.trades.length > 0 ||
    w.equity.length > 0 ||
    w.rejections.length > 0 ||
    w.tally !== null
  );
}

type Insert = { run(...values: unknown[]): unknown };

interface Statements {
  trade: Insert;
  equity: Insert;
  equityBlock: Insert;
  rejection: Insert;
}

const statements = new WeakMap<Db, Statements>();

function statementsOf(db: Db): Statements {
  let st = statements.get(db);
  if (!st) {
    const equitySql = (n: number) =>
      'INSERT INTO equity (run_id, time, balance, equity, drawdown, drawdown_pct, margin, margin_level) VALUES ' +
      Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    st = {
      trade: db.prepare(
        `INSERT INTO trades (run_id, seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time,
           exit_price, exit_reason, gross_pnl, commission, net_pnl, swap, mae_pips, mae_money, mfe_pips,
           mfe_money, stop_loss, take_profit)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      equity: db.prepare(equitySql(1)),
      equityBlock: db.prepare(equitySql(EQUITY_BLOCK)),
      rejection: db.prepare(
        `INSERT INTO order_rejections (run_id, seq, time, order_id, symbol, side, size, reason,
           required_margin, free_margin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, st);
  }
  return st;
}

/** Writes `w`; call inside the caller's fenced transaction. */
export function writeRecorderRows(db: Db, w: RecorderWrites): void {
  for (const b of w.bars) {
    const series = { runId: w.runId, symbol: b.symbol, timeframe: b.timeframe };
    // A piece handed to the checkpoint writer may arrive after the engine thread committed the
    // full chunk that contains it: that chunk already holds its bars.
    if (b.replacesPieces) replacePieces(db, series, b.bars);
    else insertPieceUnlessCovered(db, series, b.bars);
  }
  const st = statementsOf(db);
  for (const r of w.trades) st.trade.run(w.runId, ...r);
  // One statement per sample costs ~6 µs, mostly the call into SQLite: 64 to a statement.
  let i = 0;
  for (; i + EQUITY_BLOCK <= w.equity.length; i += EQUITY_BLOCK) {
    const args: unknown[] = [];
    for (let j = i; j < i + EQUITY_BLOCK; j++) args.push(w.runId, ...w.equity[j]);
    st.equityBlock.run(...args);
  }
  for (; i < w.equity.length; i++) st.equity.run(w.runId, ...w.equity[i]);
  for (const r of w.rejections) st.rejection.run(w.runId, ...r);
  if (w.tally) saveTally(db, { runId: w.runId, ...w.tally }, w.tally.state);
}
