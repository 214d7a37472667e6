import type { EquitySink } from '../../engine/backtest/backtest.ts';
import type { Bar } from '../../engine/mtf/bar.ts';
import type { BarSink } from '../../engine/mtf/mtf-engine.ts';
import type { OrderRejection, Trade, TradeSink } from '../../engine/portfolio/types.ts';
import type { EquitySample } from '../../engine/results/equity-tracker.ts';
import { StatisticsAccumulator } from '../../engine/results/statistics-accumulator.ts';
import type { PendingRows, Watermarks } from '../checkpoints/checkpoint-data.ts';
import type { Db } from '../db/database.ts';
import { BarRecorder, type SeriesChunk } from './bar-store/bar-recorder.ts';
import { truncateBarsAfter } from './bar-store/stored-bars.ts';
import {
  recordsBars,
  recordsEquity,
  recordsTrades,
  talliesStatistics,
  type RunConfig,
} from './run-config.ts';
import { fencedWrite, type RunClaim } from './run-fence.ts';
import { hasWrites, writeRecorderRows, type RecorderWrites } from './recorder-writes.ts';
import type { RunStatistics } from './run-statistics.ts';
import { loadTally, truncateTalliesAfter } from './run-tallies.ts';

/** Trade, equity and rejection rows per transaction (bars go by chunk, see BarBuffer). */
const FLUSH_ROWS = 256;

type Row = unknown[];
type Exposure = { inMarketMs: number; firstTime: number; lastTime: number };

/**
 * Stores what a run produces — closed bars, trades, equity samples, each only if the run's
 * config records it, and the orders the account refused (with the trades) — in SQLite. Bars are buffered column-wise per (symbol, timeframe) and
 * committed as one compressed chunk of CHUNK_BARS (bar-store/); trades and equity as rows in
 * batches. It knows how far its output is committed (watermarks): on resume, output past the
 * marks is deleted and the run recomputes it. A checkpoint's watermarks cover every closed bar
 * and its pending rows are empty: capture() commits what is buffered, or captureForWriter()
 * hands it to the checkpoint writer thread, which commits it before naming the file.
 *
 * A run that does not store trades or equity cannot recompute its statistics from rows: it
 * accumulates them live and commits their snapshot with every commit (run-tallies.ts). Its trade
 * and equity watermarks then count what the statistics have seen, stored or not.
 */
export class RunRecorder implements BarSink, TradeSink, EquitySink {
  readonly #db: Db;
  readonly #claim: RunClaim;
  readonly #config: RunConfig;
  readonly #bars: BarRecorder | null;
  readonly #recordTrades: boolean;
  readonly #recordEquity: boolean;
  #trades: Row[] = [];
  #equity: Row[] = [];
  #rejections: Row[] = [];
  #marks: Watermarks;
  #tradeSeq = 0;
  #rejectionSeq = 0;
  #lastEquityTime: number | null = null;
  readonly #stats: StatisticsAccumulator | null;
  #statsChanged = false;

  /** Every commit is fenced by `claim`: a session that lost its run writes no row (run-fence.ts). */
  constructor(db: Db, claim: RunClaim, config: RunConfig) {
    this.#db = db;
    this.#claim = claim;
    this.#config = config;
    this.#bars = recordsBars(config) ? new BarRecorder(config) : null;
    this.#recordTrades = recordsTrades(config);
    this.#recordEquity = recordsEquity(config);
    this.#stats = talliesStatistics(config)
      ? new StatisticsAccumulator(config.account.balance)
      : null;
    this.#marks = {
      bars: config.symbols.map(() => config.timeframes.map(() => null)),
      tradeSeq: 0,
      equityTime: null,
      rejectionSeq: 0,
    };
  }

  /** Trade, equity and rejection rows not yet committed (buffered bars are not counted). */
  get pendingRows(): number {
    return this.#trades.length + this.#equity.length + this.#rejections.length;
  }

  onBarClosed(symbol: number, timeframe: number, bar: Bar, indicatorValues: Float64Array): void {
    if (this.#bars?.push(symbol, timeframe, bar, indicatorValues))
      this.#commit([this.#bars.take(symbol, timeframe)], false);
  }

  onTrade(t: Trade): void {
    ++this.#tradeSeq;
    if (this.#stats) {
      this.#stats.addTrade(t);
      this.#statsChanged = true;
    }
    if (!this.#recordTrades) return;
    this.#trades.push([
      this.#tradeSeq,
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
      t.swap,
      t.maePips,
      t.maeMoney,
      t.mfePips,
      t.mfeMoney,
      t.stopLoss,
      t.takeProfit,
    ]);
  }

  /**
   * A refused order, kept with the trades (a run that stores no trades keeps none, but counts
   * them so the watermark means the same in every run) and counted in live statistics.
   */
  onReject(r: OrderRejection): void {
    ++this.#rejectionSeq;
    if (this.#stats) {
      this.#stats.addRejection();
      this.#statsChanged = true;
    }
    if (!this.#recordTrades) return;
    this.#rejections.push([
      this.#rejectionSeq,
      r.time,
      r.orderId,
      r.symbol,
      r.side,
      r.size,
      r.reason,
      r.requiredMargin,
      r.freeMargin,
    ]);
    if (this.pendingRows >= FLUSH_ROWS) this.#commit([], true);
  }

  onEquity(s: EquitySample): void {
    this.#lastEquityTime = s.time;
    if (this.#stats) {
      this.#stats.addEquity(s);
      this.#statsChanged = true;
    }
    if (!this.#recordEquity) return;
    this.#equity.push([
      s.time,
      s.balance,
      s.equity,
      s.drawdown,
      s.drawdownPct,
      s.margin,
      s.marginLevel,
    ]);
    if (this.pendingRows >= FLUSH_ROWS) this.#commit([], true);
  }

  /** Commits everything buffered in one transaction and moves the watermarks. */
  flush(): void {
    const chunks = this.#bars?.takeAll() ?? [];
    // A refusal counted but not stored (no trade rows) still moves the rejection watermark.
    const uncounted = this.#rejectionSeq !== this.#marks.rejectionSeq;
    if (chunks.length > 0 || this.pendingRows > 0 || this.#statsChanged || uncounted)
      this.#commit(chunks, true);
  }

  /**
   * Statistics of a run that does not store its trades or equity (null for one that does: they
   * come from its rows, runStatistics). Call once, at the end.
   */
  statistics(exposure: Exposure): RunStatistics | null {
    const acc = this.#stats;
    return acc && { stats: acc.finish(exposure), monthly: acc.monthly() };
  }

  /**
   * The same, to date (a paused or failed run), from a copy: finishing closes the Sharpe ratio's
   * day, and the live accumulator must go on as if nothing was asked, so that the run, resumed,
   * ends with the statistics of an uninterrupted one.
   */
  statisticsToDate(exposure: Exposure): RunStatistics | null {
    const copy = this.#stats?.clone();
    return copy ? { stats: copy.finish(exposure), monthly: copy.monthly() } : null;
  }

  /**
   * For a checkpoint: commits everything buffered (one fenced transaction), then returns how far
   * output is committed. Nothing is left pending: resume reads history back from the store.
   */
  capture(): { watermarks: Watermarks; pending: PendingRows } {
    this.flush();
    return {
      watermarks: this.#watermarks(),
      pending: { bars: [], trades: [], equity: [], rejections: [] },
    };
  }

  /**
   * For a checkpoint whose writer thread commits the rows before it names the file: takes
   * everything buffered out as if committed and returns it with the watermarks that count it.
   * Nothing is left pending. If the writer cannot commit `writes`, the run must stop (the
   * checkpoint manager fails it): later commits would leave a hole behind them.
   */
  captureForWriter(): {
    watermarks: Watermarks;
    pending: PendingRows;
    writes: RecorderWrites | null;
  } {
    const chunks = this.#bars?.takeAll() ?? [];
    const writes = this.#take(chunks, true);
    this.#advance(chunks, true);
    return {
      watermarks: this.#watermarks(),
      pending: { bars: [], trades: [], equity: [], rejections: [] },
      writes: hasWrites(writes) ? writes : null,
    };
  }

  #watermarks(): Watermarks {
    return {
      bars: this.#marks.bars.map((a) => [...a]),
      tradeSeq: this.#marks.tradeSeq,
      equityTime: this.#marks.equityTime,
      rejectionSeq: this.#marks.rejectionSeq,
    };
  }

  /** One fenced transaction: bar `chunks`, and the trade/equity rows if `rows`. */
  #commit(chunks: SeriesChunk[], rows: boolean): void {
    const writes = this.#take(chunks, rows);
    fencedWrite(this.#db, this.#claim, () => writeRecorderRows(this.#db, writes));
    this.#advance(chunks, rows);
  }

  /** Takes `chunks` and, if `rows`, the buffered rows and statistics out as plain writes. */
  #take(chunks: SeriesChunk[], rows: boolean): RecorderWrites {
    const c = this.#config;
    const writes: RecorderWrites = {
      runId: this.#claim.runId,
      bars: chunks.map(({ s, k, bars, replacesPieces }) => ({
        symbol: c.symbols[s],
        timeframe: c.timeframes[k],
        bars,
        replacesPieces,
      })),
      trades: rows ? this.#trades : [],
      equity: rows ? this.#equity : [],
      rejections: rows ? this.#rejections : [],
      tally:
        rows && this.#stats
          ? {
              tradeSeq: this.#tradeSeq,
              equityTime: this.#lastEquityTime,
              state: this.#stats.snapshot(),
            }
          : null,
    };
    if (rows) {
      this.#trades = [];
      this.#equity = [];
      this.#rejections = [];
      this.#statsChanged = false;
    }
    return writes;
  }

  /** Moves the watermarks over what #take just took (nothing was seen in between). */
  #advance(chunks: SeriesChunk[], rows: boolean): void {
    for (const { s, k, bars } of chunks) this.#marks.bars[s][k] = bars.cols[bars.count - 1];
    if (rows) {
      // Everything seen is now committed (as rows, or counted in the statistics snapshot).
      this.#marks.tradeSeq = this.#tradeSeq;
      this.#marks.equityTime = this.#lastEquityTime;
      this.#marks.rejectionSeq = this.#rejectionSeq;
    }
  }

  /**
   * Resume from a checkpoint: drop this run's output committed after it (a crashed session wrote
   * it; a chunk straddling a watermark is cut, not lost), then queue the rows the checkpoint had
   * pending (checkpoints of older versions carry some). Output continues exactly.
   */
  resumeFrom(watermarks: Watermarks, pending: PendingRows): void {
    const db = this.#db;
    const id = this.#claim.runId;
    const c = this.#config;
    fencedWrite(db, this.#claim, () => {
      c.symbols.forEach((symbol, s) =>
        c.timeframes.forEach((timeframe, k) =>
          truncateBarsAfter(db, { runId: id, symbol, timeframe }, watermarks.bars[s][k]),
        ),
      );
      db.prepare('DELETE FROM trades WHERE run_id = ? AND seq > ?').run(id, watermarks.tradeSeq);
      db.prepare('DELETE FROM equity WHERE run_id = ? AND time > ?').run(
        id,
        watermarks.equityTime ?? -8.64e15,
      );
      db.prepare('DELETE FROM order_rejections WHERE run_id = ? AND seq > ?').run(
        id,
        watermarks.rejectionSeq,
      );
      truncateTalliesAfter(db, { runId: id, ...watermarks });
    });
    if (this.#stats) this.#restoreStats(watermarks);
    this.#marks = {
      bars: watermarks.bars.map((a) => [...a]),
      tradeSeq: watermarks.tradeSeq,
      equityTime: watermarks.equityTime,
      rejectionSeq: watermarks.rejectionSeq,
    };
    this.#bars?.clear();
    for (const r of pending.bars) this.#bars?.queuePendingRow(r);
    // A checkpoint written before migration 14 has trade rows without stop-loss/take-profit.
    this.#trades = this.#recordTrades ? pending.trades.map((r) => withStops(r)) : [];
    this.#equity = this.#recordEquity ? pending.equity.map((r) => [...r]) : [];
    this.#rejections = this.#recordTrades ? pending.rejections.map((r) => [...r]) : [];
    const lastTrade = pending.trades[pending.trades.length - 1];
    this.#tradeSeq = lastTrade ? (lastTrade[0] as number) : watermarks.tradeSeq;
    const lastSample = pending.equity[pending.equity.length - 1];
    this.#lastEquityTime = lastSample ? (lastSample[0] as number) : watermarks.equityTime;
    const lastRejection = pending.rejections[pending.rejections.length - 1];
    this.#rejectionSeq = lastRejection ? (lastRejection[0] as number) : watermarks.rejectionSeq;
  }

  /** The statistics as they were at the watermarks (fresh ones at the very start). */
  #restoreStats(w: Watermarks): void {
    const id = this.#claim.runId;
    const state = loadTally(this.#db, {
      runId: id,
      tradeSeq: w.tradeSeq,
      equityTime: w.equityTime,
    });
    if (state) this.#stats!.restore(state);
    else if (w.tradeSeq !== 0 || w.equityTime !== null)
      throw new Error(
        `run ${id} kept no statistics at its checkpoint (trade ${w.tradeSeq}, equity time ${w.equityTime})`,
      );
  }
}

/** A pending trade row with its stop-loss and take-profit (null, none known, for older rows). */
function withStops(r: unknown[]): unknown[] {
  return r.length === TRADE_ROW_WITHOUT_STOPS ? [...r, null, null] : [...r];
}
const TRADE_ROW_WITHOUT_STOPS = 18;
