/**
 * The mid price of one stored conversion pair as a function of time: the mid of its last tick
 * with ts <= t, or of its first tick before that. Chunks are decoded lazily, one at a time: a
 * run asks with non-decreasing times (amortised O(1): the usual answer is "same tick as last
 * time"), and a restored run may ask first about any time, found by the chunks' metadata
 * (first_ts) instead of a scan from the start.
 */
import { decodeTickChunk } from '../../engine/data/chunk-codec.ts';
import type { TickBatch } from '../../engine/data/tick-batch.ts';
import type { Db } from '../db/database.ts';
import { chunkMetas, loadChunk, type ChunkMeta, type SymbolInfo } from '../ticks/tick-store.ts';

/** First index in ts[lo, hi) with ts > t. */
function upperBound(ts: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PairRate {
  readonly #db: Db;
  readonly #chunks: ChunkMeta[];
  /** Index in #chunks of the decoded batch; -1 before the first call. */
  #chunk = -1;
  #batch: TickBatch | undefined;
  /** Index in #batch of the tick the last answer came from. */
  #pos = 0;
  #mid = NaN;

  constructor(db: Db, info: SymbolInfo) {
    this.#db = db;
    this.#chunks = chunkMetas(db, info);
    if (this.#chunks.length === 0) throw new Error(`${info.name} holds no ticks`);
  }

  /** Mid (bid + ask) / 2 of the last tick at or before `time` (the first tick before it). */
  mid(time: number): number {
    const b = this.#batch;
    if (b !== undefined && time >= b.ts[this.#pos]) {
      const next = this.#pos + 1;
      // The common case: the next tick is still in the future.
      if (next < b.length && b.ts[next] > time) return this.#mid;
      const end = upperBound(b.ts, next, b.length, time);
      // Inside this chunk, unless its last tick is passed and the next chunk has begun.
      const following = this.#chunks[this.#chunk + 1];
      if (end < b.length || following === undefined || following.firstTs > time)
        return end - 1 === this.#pos ? this.#mid : this.#at(end - 1);
    }
    return this.#seek(time);
  }

  /** Decodes the chunk holding the answer for `time`, found by binary search on first_ts. */
  #seek(time: number): number {
    let lo = 0;
    let hi = this.#chunks.length;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (this.#chunks[m].firstTs <= time) lo = m + 1;
      else hi = m;
    }
    const index = Math.max(0, lo - 1);
    if (index !== this.#chunk) {
      this.#batch = decodeTickChunk(loadChunk(this.#db, this.#chunks[index].id), this.#batch);
      this.#chunk = index;
    }
    const b = this.#batch!;
    return this.#at(Math.max(0, upperBound(b.ts, 0, b.length, time) - 1));
  }

  #at(pos: number): number {
    const b = this.#batch!;
    this.#pos = pos;
    this.#mid = (b.bid[pos] + b.ask[pos]) / 2;
    return this.#mid;
  }
}
