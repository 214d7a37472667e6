import type { Bar } from '../../../engine/mtf/bar.ts';
import type { BarColumns } from './bar-chunk-codec.ts';

/**
 * Bars per stored chunk: big enough that an INSERT is rare, small enough to cut cheaply and that a
 * resume's history tail decodes little it does not need (4096 made the reload ~1.5x slower).
 */
export const CHUNK_BARS = 1024;
const FIRST_CAPACITY = 64;

/**
 * The bars of one (symbol, timeframe)'s newest chunk, kept column-wise so that the chunk is
 * encoded without reshaping. Appending is a handful of stores per bar: this is the whole cost
 * of recording a bar until its chunk is written. A commit before the chunk is full (a checkpoint,
 * the once-a-second progress) writes only the bars new since the last one, as a piece; once the
 * chunk is full it is written whole and replaces its pieces. So frequent commits neither rewrite
 * a growing chunk again and again (that doubled the bytes written) nor leave a trail of tiny
 * chunks for a history reload to decode. Capacity grows on demand (most series of a many-symbol
 * run close few bars between commits).
 */
export class BarBuffer {
  readonly width: number;
  #capacity = FIRST_CAPACITY;
  #cols: Float64Array;
  #count = 0;
  #committed = 0;

  constructor(width: number) {
    this.width = width;
    this.#cols = new Float64Array(width * this.#capacity);
  }

  get count(): number {
    return this.#count;
  }

  /** Bars appended since the last commit. */
  get uncommitted(): number {
    return this.#count - this.#committed;
  }

  /** Time of the newest buffered bar (undefined when empty). */
  get lastTime(): number | undefined {
    return this.#count === 0 ? undefined : this.#cols[this.#count - 1];
  }

  push(bar: Bar, indicatorValues: ArrayLike<number>): void {
    if (this.#count === this.#capacity) this.#grow();
    const cap = this.#capacity;
    const c = this.#cols;
    const i = this.#count++;
    c[i] = bar.time;
    c[cap + i] = bar.open;
    c[2 * cap + i] = bar.high;
    c[3 * cap + i] = bar.low;
    c[4 * cap + i] = bar.close;
    c[5 * cap + i] = bar.volume;
    c[6 * cap + i] = bar.ticks;
    for (let k = 7; k < this.width; k++) c[k * cap + i] = indicatorValues[k - 7];
  }

  /**
   * What to commit: the whole chunk once it is full (`replacesPieces` when pieces of it were
   * committed before; the buffer is then empty for the next chunk), else the bars new since the
   * last commit, as a piece.
   */
  take(): { bars: BarColumns; replacesPieces: boolean } {
    const full = this.#count >= CHUNK_BARS;
    const from = full ? 0 : this.#committed;
    const replacesPieces = full && this.#committed > 0;
    const bars = this.#columns(from, this.#count);
    if (full) this.#count = 0;
    this.#committed = this.#count;
    return { bars, replacesPieces };
  }

  #columns(from: number, to: number): BarColumns {
    const n = to - from;
    const cols = new Float64Array(n * this.width);
    for (let k = 0; k < this.width; k++) {
      const at = k * this.#capacity;
      cols.set(this.#cols.subarray(at + from, at + to), k * n);
    }
    return { count: n, width: this.width, cols };
  }

  /** Forgets the buffered bars (resume: the store was cut back to the watermarks). */
  clear(): void {
    this.#count = this.#committed = 0;
  }

  #grow(): void {
    const old = this.#capacity;
    const cap = old * 2;
    const next = new Float64Array(this.width * cap);
    for (let k = 0; k < this.width; k++)
      next.set(this.#cols.subarray(k * old, k * old + this.#count), k * cap);
    this.#capacity = cap;
    this.#cols = next;
  }
}
