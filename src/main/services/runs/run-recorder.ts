import type { EquitySink } from '../../engine/backtest/backtest.ts';
import type { Bar } from '../../engine/mtf/bar.ts';
import type { BarSink } from '../../engine/mtf/mtf-engine.ts';
import type { Trade, TradeSink } from '../../engine/portfolio/types.ts';
import type { EquitySample } from '../../engine/results/equity-tracker.ts';
import type { PendingRows, Watermarks } from '../checkpoints/checkpoint-data.ts';
import type { Db } from '../db/database.ts';
import { recordsBars, type RunConfig } from './run-config.ts';
import { fencedWrite, type RunClaim } from './run-fence.ts';

/** Small batches: what is not yet committed travels inside each checkpoint. */
// Measured: encoding pending rows costs ~0.5 µs each on the engine thread at every capture,
// while a commit in WAL mode costs ~50 µs: small batches keep the checkpoint pause short.
const FLUSH_ROWS = 256;

type Row = unknown[];

/**
 * Stores what a run produces — closed bars, trades, equity samples — in SQLite, buffered and
 * committed one transaction per batch so that writing never dominates the run. It knows how far
 * its output is committed (watermarks) and what is still pending, which is what a checkpoint
 * needs to make a resumed run's output exact: rows past the marks are deleted on resume, the
 * pending ones re-queued. Rows carry no run id, so a forked run can adopt them.
 */
export class RunRecorder implements BarSink, TradeSink, EquitySink {
  readonly #db: Db;
  readonly #claim: RunClaim;
  readonly #config: RunConfig;
  #pending: PendingRows = { bars: [], trades: [], equity: [] };
  #marks: Watermarks;
  #tradeSeq: number;
  readonly #symbolIndex: Map<string, number>;
  readonly #tfIndex: Map<string, number>;
  readonly #insertBar;
  readonly #insertTrade;
  readonly #insertEquity;
  readonly #recordBars: boolean;

  /** Every commit is fenced by `claim`: a session that lost its run writes no row (run-fence.ts). */
  constructor(db: Db, claim: RunClaim, config: RunConfig) {
    this.#db = db;
    this.#claim = claim;
    this.#config = config;
    this.#recordBars = recordsBars(config);
    this.#symbolIndex = new Map(config.symbols.map((s, i) => [s, i]));
    this.#tfIndex = new Map(config.timeframes.map((t, i) => [t, i]));
    this.#marks = {
      bars: config.symbols.map(() => config.timeframes.map(() => null)),
      tradeSeq: 0,
      equityTime: null,
    };
    this.#tradeSeq = 0;
    this.#insertBar = db.prepare(
      `INSERT INTO bars (run_id, symbol, timeframe, time, open, high, low, close, volume, ticks, indicators)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertTrade = db.prepare(
      `INSERT INTO trades (run_id, seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time,
         exit_price, exit_reason, gross_pnl, commission, net_pnl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertEquity = db.prepare(
      'INSERT INTO equity (run_id, time, balance, equity, drawdown, drawdown_pct) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  get pendingRows(): number {
    const p = this.#pending;
    return p.bars.length + p.trades.length + p.equity.length;
  }

  onBarClosed(symbol: number, timeframe: number, bar: Bar, indicatorValues: Float64Array): void {
    if (!this.#recordBars) return; // `--record` without bars: checkpoints embed histories instead
    const c = this.#config;
    const blob = Buffer.from(indicatorValues.slice().buffer);
    const { time, open, high, low, close, volume, ticks } = bar;
    this.#pending.bars.push([
      c.symbols[symbol],
      c.timeframes[timeframe],
      time,
      open,
      high,
      low,
      close,
      volume,
      ticks,
      blob,
    ]);
    if (this.pendingRows >= FLUSH_ROWS) this.flush();
  }

  onTrade(t: Trade): void {
    this.#pending.trades.push([
      ++this.#tradeSeq,
      t.id,
      t.symbol,
      t.side,
      t.size,
      t.entryTime,
      t.entryPrice,
      t.exitTime,
      t.exitPrice,
      t.exitReason,
      t.grossPnl,
      t.commission,
      t.netPnl,
    ]);
  }

  onEquity(s: EquitySample): void {
    this.#pending.equity.push([s.time, s.balance, s.equity, s.drawdown, s.drawdownPct]);
    if (this.pendingRows >= FLUSH_ROWS) this.flush();
  }

  /** Commits every pending row in one transaction and moves the watermarks. */
  flush(): void {
    if (this.pendingRows === 0) return;
    const p = this.#pending;
    this.#pending = { bars: [], trades: [], equity: [] };
    const id = this.#claim.runId;
    fencedWrite(this.#db, this.#claim, () => {
      for (const r of p.bars) this.#insertBar.run(id, ...r);
      for (const r of p.trades) this.#insertTrade.run(id, ...r);
      for (const r of p.equity) this.#insertEquity.run(id, ...r);
    });
    for (const r of p.bars) {
      this.#marks.bars[this.#symbolIndex.get(r[0] as string)!][this.#tfIndex.get(r[1] as string)!] =
        r[2] as number;
    }
    if (p.trades.length) this.#marks.tradeSeq = p.trades[p.trades.length - 1][0] as number;
    if (p.equity.length) this.#marks.equityTime = p.equity[p.equity.length - 1][0] as number;
  }

  /** For a checkpoint: how far output is committed, and copies of what is not (rows are never mutated). */
  capture(): { watermarks: Watermarks; pending: PendingRows } {
    const p = this.#pending;
    return {
      watermarks: {
        bars: this.#marks.bars.map((a) => [...a]),
        tradeSeq: this.#marks.tradeSeq,
        equityTime: this.#marks.equityTime,
      },
      pending: { bars: [...p.bars], trades: [...p.trades], equity: [...p.equity] },
    };
  }

  /**
   * Resume from a checkpoint: drop this run's rows committed after it (a crashed session wrote
   * them), then queue the rows the checkpoint had pending. Output continues exactly.
   */
  resumeFrom(watermarks: Watermarks, pending: PendingRows): void {
    const db = this.#db;
    const id = this.#claim.runId;
    fencedWrite(db, this.#claim, () => {
      this.#config.symbols.forEach((symbol, s) =>
        this.#config.timeframes.forEach((tf, k) => {
          db.prepare(
            'DELETE FROM bars WHERE run_id = ? AND symbol = ? AND timeframe = ? AND time > ?',
          ).run(id, symbol, tf, watermarks.bars[s][k] ?? -8.64e15);
        }),
      );
      db.prepare('DELETE FROM trades WHERE run_id = ? AND seq > ?').run(id, watermarks.tradeSeq);
      db.prepare('DELETE FROM equity WHERE run_id = ? AND time > ?').run(
        id,
        watermarks.equityTime ?? -8.64e15,
      );
    });
    const toBuffer = (r: Row) =>
      r.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
    this.#marks = {
      bars: watermarks.bars.map((a) => [...a]),
      tradeSeq: watermarks.tradeSeq,
      equityTime: watermarks.equityTime,
    };
    this.#pending = {
      bars: pending.bars.map(toBuffer),
      trades: pending.trades.map(toBuffer),
      equity: pending.equity.map(toBuffer),
    };
    const lastTrade = pending.trades[pending.trades.length - 1];
    this.#tradeSeq = lastTrade ? (lastTrade[0] as number) : watermarks.tradeSeq;
  }
}
