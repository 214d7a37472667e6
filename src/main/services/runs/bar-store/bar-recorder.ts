import type { Bar } from '../../../engine/mtf/bar.ts';
import { IndicatorSet } from '../../../engine/mtf/indicator-set.ts';
import type { Db } from '../../db/database.ts';
import type { RunConfig } from '../run-config.ts';
import { BarBuffer, CHUNK_BARS } from './bar-buffer.ts';
import type { BarColumns } from './bar-chunk-codec.ts';
import { insertBarChunk, replacePieces } from './bar-chunks.ts';

/** What one series commits: its chunk (or a piece of it) and where it goes. */
export interface SeriesChunk {
  s: number;
  k: number;
  bars: BarColumns;
  replacesPieces: boolean;
}

/**
 * The bar half of a RunRecorder: one BarBuffer per (symbol, timeframe) of the run, and the
 * writes of their chunks. It does not commit: the recorder puts its writes in its own fenced
 * transaction, with the run's other rows.
 */
export class BarRecorder {
  readonly #config: RunConfig;
  readonly #buffers: BarBuffer[][];

  constructor(config: RunConfig) {
    this.#config = config;
    const width = 7 + new IndicatorSet(config.indicators).columns.length;
    this.#buffers = config.symbols.map(() => config.timeframes.map(() => new BarBuffer(width)));
  }

  /** Buffers a closed bar; true when its series' chunk is full and should be committed. */
  push(s: number, k: number, bar: Bar, indicatorValues: ArrayLike<number>): boolean {
    const buffer = this.#buffers[s][k];
    buffer.push(bar, indicatorValues);
    return buffer.count >= CHUNK_BARS;
  }

  /** What to commit for series (s, k). */
  take(s: number, k: number): SeriesChunk {
    return { s, k, ...this.#buffers[s][k].take() };
  }

  /** What to commit for every series with bars since its last commit. */
  takeAll(): SeriesChunk[] {
    const out: SeriesChunk[] = [];
    this.#buffers.forEach((row, s) =>
      row.forEach((b, k) => b.uncommitted > 0 && out.push(this.take(s, k))),
    );
    return out;
  }

  /** Writes taken chunks; call inside the commit's transaction. */
  write(db: Db, runId: string, chunks: SeriesChunk[]): void {
    const c = this.#config;
    for (const { s, k, bars, replacesPieces } of chunks) {
      const series = { runId, symbol: c.symbols[s], timeframe: c.timeframes[k] };
      if (replacesPieces) replacePieces(db, series, bars);
      else insertBarChunk(db, series, bars);
    }
  }

  /** Resume: forget what was buffered (the store was cut back to the watermarks). */
  clear(): void {
    for (const row of this.#buffers) for (const b of row) b.clear();
  }

  /** A pending bar row of a checkpoint: [symbol, timeframe, time, o, h, l, c, volume, ticks, f64 BLOB]. */
  queuePendingRow(r: unknown[]): void {
    const s = this.#config.symbols.indexOf(r[0] as string);
    const k = this.#config.timeframes.indexOf(r[1] as RunConfig['timeframes'][number]);
    const [time, open, high, low, close, volume, ticks] = r.slice(2, 9) as number[];
    const blob = r[9] as Uint8Array;
    const values = new Float64Array(blob.length / 8);
    new Uint8Array(values.buffer).set(blob);
    this.#buffers[s][k].push({ time, open, high, low, close, volume, ticks }, values);
  }
}
