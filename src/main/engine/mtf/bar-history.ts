import type { Bar } from './bar.ts';

/** Columns of every history row; indicator outputs follow from INDICATOR_COLUMN_BASE on. */
export const HISTORY_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume', 'ticks'] as const;
const BASE = HISTORY_COLUMNS.length;

export interface BarHistoryState {
  capacity: number;
  width: number;
  /** Rows oldest → newest, row-major, `count * width` values. */
  rows: Float64Array;
}

/**
 * The last `capacity` closed bars of one (symbol, timeframe) with the indicator values at each
 * close. A fixed ring of float64 rows: the state size is bounded whatever the run length.
 * Every row is written twice, at slot i and at slot i + capacity, so the kept rows always stand
 * oldest → newest in one contiguous run: a snapshot is one copy (or, for a checkpoint that
 * encodes at once, no copy at all).
 */
export class BarHistory {
  readonly capacity: number;
  readonly width: number;
  #data: Float64Array;
  #head = 0; // index of the next row to write
  #count = 0;

  constructor(capacity: number, indicatorColumns: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('history size must be >= 1');
    this.capacity = capacity;
    this.width = BASE + indicatorColumns;
    this.#data = new Float64Array(2 * capacity * this.width);
  }

  get length(): number {
    return this.#count;
  }

  push(bar: Bar, indicatorValues: Float64Array): void {
    const o = this.#head * this.width;
    const d = this.#data;
    d[o] = bar.time;
    d[o + 1] = bar.open;
    d[o + 2] = bar.high;
    d[o + 3] = bar.low;
    d[o + 4] = bar.close;
    d[o + 5] = bar.volume;
    d[o + 6] = bar.ticks;
    d.set(indicatorValues.subarray(0, this.width - BASE), o + BASE);
    d.copyWithin(o + this.capacity * this.width, o, o + this.width); // the mirror row
    this.#head = (this.#head + 1) % this.capacity;
    if (this.#count < this.capacity) this.#count++;
  }

  /** Row offset of the bar `ago` bars back (0 = the newest), or -1 when it is not kept. */
  #offset(ago: number): number {
    if (!Number.isInteger(ago) || ago < 0 || ago >= this.#count) return -1;
    return ((this.#head - 1 - ago + this.capacity) % this.capacity) * this.width;
  }

  bar(ago = 0): Bar | undefined {
    const o = this.#offset(ago);
    if (o < 0) return undefined;
    const d = this.#data;
    return {
      time: d[o],
      open: d[o + 1],
      high: d[o + 2],
      low: d[o + 3],
      close: d[o + 4],
      volume: d[o + 5],
      ticks: d[o + 6],
    };
  }

  /** Value of history column `column` (see HISTORY_COLUMNS, then indicator outputs); NaN if not kept. */
  value(column: number, ago = 0): number {
    const o = this.#offset(ago);
    return o < 0 ? NaN : this.#data[o + column];
  }

  indicatorValue(outputIndex: number, ago = 0): number {
    return this.value(BASE + outputIndex, ago);
  }

  /**
   * The kept rows, oldest first. `alias`: return a view of the live rows instead of a copy —
   * only for a caller that encodes the snapshot before the next bar closes (checkpoint capture).
   */
  snapshot(alias = false): BarHistoryState {
    const w = this.width;
    const start = (this.#head + this.capacity - this.#count) * w;
    const live = this.#data.subarray(start, start + this.#count * w);
    return { capacity: this.capacity, width: w, rows: alias ? live : live.slice() };
  }

  restore(s: BarHistoryState): void {
    if (s.capacity !== this.capacity || s.width !== this.width) {
      throw new Error(
        `history shape mismatch: snapshot ${s.capacity}x${s.width}, engine ${this.capacity}x${this.width}`,
      );
    }
    const count = s.rows.length / this.width;
    this.#data.fill(0);
    this.#data.set(s.rows, 0);
    this.#data.set(s.rows, this.capacity * this.width); // the mirror rows
    this.#count = count;
    this.#head = count % this.capacity;
  }
}
