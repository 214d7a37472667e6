import type { EquitySink } from '../../engine/backtest/backtest.ts';
import type { Bar } from '../../engine/mtf/bar.ts';
import type { BarSink } from '../../engine/mtf/mtf-engine.ts';
import type { Trade, TradeSink } from '../../engine/portfolio/types.ts';
import type { EquitySample } from '../../engine/results/equity-tracker.ts';
import type { Db } from '../db/database.ts';
import type { RunConfig } from './run-config.ts';

const FLUSH_ROWS = 8192;

/**
 * Stores what a run produces — closed bars, trades, equity samples — in SQLite, buffered and
 * written in one transaction per few thousand rows so that writing never dominates the run.
 * The engine calls it synchronously; flush() at the end (and, later, before each checkpoint).
 */
export class RunRecorder implements BarSink, TradeSink, EquitySink {
  readonly #db: Db;
  readonly #runId: string;
  readonly #config: RunConfig;
  #bars: unknown[][] = [];
  #trades: unknown[][] = [];
  #equity: unknown[][] = [];
  #tradeSeq = 0;
  readonly #insertBar;
  readonly #insertTrade;
  readonly #insertEquity;

  constructor(db: Db, runId: string, config: RunConfig, tradeSeq = 0) {
    this.#db = db;
    this.#runId = runId;
    this.#config = config;
    this.#tradeSeq = tradeSeq;
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
    return this.#bars.length + this.#trades.length + this.#equity.length;
  }

  onBarClosed(symbol: number, timeframe: number, bar: Bar, indicatorValues: Float64Array): void {
    const c = this.#config;
    const blob = Buffer.from(indicatorValues.slice().buffer);
    const { time, open, high, low, close, volume, ticks } = bar;
    this.#bars.push([
      this.#runId,
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
    this.#trades.push([
      this.#runId,
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
    this.#equity.push([this.#runId, s.time, s.balance, s.equity, s.drawdown, s.drawdownPct]);
    if (this.pendingRows >= FLUSH_ROWS) this.flush();
  }

  flush(): void {
    if (this.pendingRows === 0) return;
    const [bars, trades, equity] = [this.#bars, this.#trades, this.#equity];
    this.#bars = [];
    this.#trades = [];
    this.#equity = [];
    this.#db.transaction(() => {
      for (const r of bars) this.#insertBar.run(...r);
      for (const r of trades) this.#insertTrade.run(...r);
      for (const r of equity) this.#insertEquity.run(...r);
    })();
  }
}
