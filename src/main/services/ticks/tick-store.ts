import { decodeTickChunk } from '../../engine/data/chunk-codec.ts';
import type { TickBatch } from '../../engine/data/tick-batch.ts';
import type { TickSource } from '../../engine/data/tick-source.ts';
import type { Db } from '../db/database.ts';

export interface SymbolInfo {
  id: number;
  name: string;
  tickCount: number;
  firstTs: number;
  lastTs: number;
  hasVolume: boolean;
  contentHash: string;
}

const SYMBOL_COLUMNS = `id, name, tick_count AS tickCount, first_ts AS firstTs, last_ts AS lastTs,
  has_volume AS hasVolume, content_hash AS contentHash`;

function toInfo(row: SymbolInfo & { hasVolume: unknown }): SymbolInfo {
  return { ...row, hasVolume: Boolean(row.hasVolume) };
}

export function readSymbol(db: Db, name: string): SymbolInfo | undefined {
  const row = db.prepare(`SELECT ${SYMBOL_COLUMNS} FROM symbols WHERE name = ?`).get(name) as
    SymbolInfo | undefined;
  return row && toInfo(row);
}

/** Symbols that hold ticks, by name. */
export function listSymbols(db: Db): SymbolInfo[] {
  const rows = db
    .prepare(`SELECT ${SYMBOL_COLUMNS} FROM symbols WHERE tick_count > 0 ORDER BY name`)
    .all() as SymbolInfo[];
  return rows.map(toInfo);
}

export interface TickRange {
  /** First timestamp included (ms UTC). */
  from?: number;
  /** First timestamp excluded (ms UTC). */
  to?: number;
  /** Ticks of the range to skip from its start: the resume cursor. */
  skip?: number;
}

/**
 * Number of stored ticks of a symbol with from <= ts < to. Chunks wholly inside the range are
 * counted from their metadata; only the (at most two) chunks cut by a bound are decoded.
 */
export function countTicks(db: Db, info: SymbolInfo, range: TickRange): number {
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  if (from === -Infinity && to === Infinity) return info.tickCount;
  let n = 0;
  for (const chunk of chunkMetas(db, info, from, to)) {
    if (chunk.firstTs >= from && chunk.lastTs < to) {
      n += chunk.count;
      continue;
    }
    const b = decodeTickChunk(loadChunk(db, chunk.id));
    n += lowerBound(b.ts, 0, b.length, to) - lowerBound(b.ts, 0, b.length, from);
  }
  return n;
}

/** The symbol's chunks that hold ticks with from <= ts < to, oldest first (metadata only). */
export function chunkMetas(db: Db, info: SymbolInfo, from = -Infinity, to = Infinity): ChunkMeta[] {
  return db
    .prepare(
      `SELECT id, count, first_ts AS firstTs, last_ts AS lastTs FROM tick_chunks
       WHERE symbol_id = ? AND last_ts >= ? AND first_ts < ? ORDER BY first_ts, id`,
    )
    .all(info.id, Math.max(from, -8.64e15), Math.min(to, 8.64e15)) as ChunkMeta[];
}

export function loadChunk(db: Db, id: number): Uint8Array {
  return db.prepare('SELECT data FROM tick_chunks WHERE id = ?').pluck().get(id) as Uint8Array;
}

export interface ChunkMeta {
  id: number;
  count: number;
  firstTs: number;
  lastTs: number;
}

/** Lower bound: first index in ts[lo, hi) with ts >= t. */
export function lowerBound(ts: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Streams a symbol's ticks out of the store, chunk by chunk, decoding each into one reused
 * buffer. Chunks wholly outside the range are never read; partial ones are cut by binary search.
 */
export function openTickSource(db: Db, info: SymbolInfo, range: TickRange = {}): TickSource {
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  let skip = range.skip ?? 0;
  const chunks = chunkMetas(db, info, from, to);
  const load = db.prepare('SELECT data FROM tick_chunks WHERE id = ?').pluck();
  let next = 0;
  let buffer: TickBatch | undefined;
  return {
    next(): TickBatch | null {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        // A resume cursor skips whole chunks inside the range without decoding them.
        if (skip >= chunk.count && chunk.firstTs >= from && chunk.lastTs < to) {
          skip -= chunk.count;
          continue;
        }
        buffer = decodeTickChunk(load.get(chunk.id) as Uint8Array, buffer);
        const b = buffer;
        const start = lowerBound(b.ts, 0, b.length, from);
        const end = lowerBound(b.ts, start, b.length, to);
        const dropped = Math.min(skip, end - start);
        skip -= dropped;
        if (end - start - dropped <= 0) continue;
        return view(b, start + dropped, end, info.hasVolume);
      }
      return null;
    },
  };
}

function view(b: TickBatch, start: number, end: number, withVolumes: boolean): TickBatch {
  if (start === 0 && end === b.length && (withVolumes || !b.bidVol)) return b;
  const vols = withVolumes && b.bidVol && b.askVol;
  return {
    length: end - start,
    ts: b.ts.subarray(start, end),
    bid: b.bid.subarray(start, end),
    ask: b.ask.subarray(start, end),
    bidVol: vols ? b.bidVol!.subarray(start, end) : null,
    askVol: vols ? b.askVol!.subarray(start, end) : null,
  };
}
