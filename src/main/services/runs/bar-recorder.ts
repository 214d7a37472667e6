import type { Bar } from '../../engine/mtf/bar.ts';
import type { BarSink } from '../../engine/mtf/mtf-engine.ts';
import type { Db } from '../db/database.ts';
import type { RunConfig } from './run-config.ts';

const FLUSH_ROWS = 8192;

/**
 * Stores closed bars of a run in SQLite, batched into one transaction per few thousand rows so
 * that writing never dominates the run. The engine calls it synchronously; flush() at the end.
 */
export class BarRecorder implements BarSink {
  readonly #db: Db;
  readonly #runId: string;
  readonly #config: RunConfig;
  readonly #pending: unknown[][] = [];
  readonly #insert;

  constructor(db: Db, runId: string, config: RunConfig) {
    this.#db = db;
    this.#runId = runId;
    this.#config = config;
    this.#insert = db.prepare(
      `INSERT INTO bars (run_id, symbol, timeframe, time, open, high, low, close, volume, ticks, indicators)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  onBarClosed(symbol: number, timeframe: number, bar: Bar, indicatorValues: Float64Array): void {
    this.#pending.push([
      this.#runId,
      this.#config.symbols[symbol],
      this.#config.timeframes[timeframe],
      bar.time,
      bar.open,
      bar.high,
      bar.low,
      bar.close,
      bar.volume,
      bar.ticks,
      Buffer.from(indicatorValues.slice().buffer),
    ]);
    if (this.#pending.length >= FLUSH_ROWS) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const rows = this.#pending.splice(0);
    this.#db.transaction(() => {
      for (const r of rows) this.#insert.run(...r);
    })();
  }
}
