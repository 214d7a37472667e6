import { encodeTickChunk } from '../../engine/data/chunk-codec.ts';
import { allocTickBatch, type TickBatch } from '../../engine/data/tick-batch.ts';
import type { Db } from '../db/database.ts';
import { bytesOf, hasherSync } from '../hash.ts';
import { readSymbol, type SymbolInfo } from './tick-store.ts';

export const CHUNK_TICKS = 65_536;

/** The new ticks overlap those already stored; `tickIndex` counts from the import's first tick. */
export class TickOverlapError extends Error {
  readonly tickIndex: number;
  constructor(tickIndex: number, message: string) {
    super(message);
    this.name = 'TickOverlapError';
    this.tickIndex = tickIndex;
  }
}

/**
 * Writes one symbol's ticks as compressed chunks inside one transaction: commit() makes the
 * whole import visible at once, abort() (or any error) leaves the store exactly as it was.
 * Without `replace`, new ticks must lie wholly after or wholly before the stored ones: a shared
 * millisecond would make the order of the two sources' ticks a guess.
 */
export class TickWriter {
  readonly #db: Db;
  readonly #symbol: string;
  #existing: SymbolInfo | undefined;
  readonly #stage: TickBatch;
  #symbolId = 0;
  #count = 0;
  #prepend = false;
  #open = false;
  readonly #keepsOldTicks: boolean;

  constructor(db: Db, symbol: string, withVolumes: boolean, replace: boolean) {
    this.#db = db;
    this.#symbol = symbol;
    this.#stage = allocTickBatch(CHUNK_TICKS, withVolumes);
    db.exec('BEGIN IMMEDIATE');
    this.#open = true;
    const info = readSymbol(db, symbol);
    if (info && replace) db.prepare('DELETE FROM tick_chunks WHERE symbol_id = ?').run(info.id);
    this.#existing = info && !replace && info.tickCount > 0 ? info : undefined;
    this.#keepsOldTicks = this.#existing !== undefined;
    this.#symbolId =
      info?.id ??
      Number(
        db.prepare('INSERT INTO symbols (name, updated_at) VALUES (?, ?)').run(symbol, Date.now())
          .lastInsertRowid,
      );
  }

  get count(): number {
    return this.#count;
  }

  add(batch: TickBatch): void {
    const s = this.#stage;
    for (let i = 0; i < batch.length; i++) {
      const t = batch.ts[i];
      if (this.#existing) this.#checkOverlap(t);
      const j = s.length++;
      s.ts[j] = t;
      s.bid[j] = batch.bid[i];
      s.ask[j] = batch.ask[i];
      if (s.bidVol) {
        s.bidVol[j] = batch.bidVol ? batch.bidVol[i] : NaN;
        s.askVol![j] = batch.askVol ? batch.askVol[i] : NaN;
      }
      this.#count++;
      if (s.length === CHUNK_TICKS) this.#flush();
    }
  }

  #checkOverlap(t: number): void {
    const ex = this.#existing!;
    if (this.#count === 0) {
      if (t > ex.lastTs) {
        this.#existing = undefined; // appending after the stored ticks: nothing more to check
        return;
      }
      this.#prepend = t < ex.firstTs;
    }
    if (!this.#prepend || t >= ex.firstTs) {
      throw new TickOverlapError(
        this.#count,
        `tick at ${new Date(t).toISOString()} overlaps the ${ex.tickCount} ticks already stored for ${this.#symbol} ` +
          `(${new Date(ex.firstTs).toISOString()} to ${new Date(ex.lastTs).toISOString()}); use --replace to replace them`,
      );
    }
  }

  #flush(): void {
    const s = this.#stage;
    if (s.length === 0) return;
    const h = hasherSync().create64();
    for (const col of [s.ts, s.bid, s.ask, s.bidVol, s.askVol])
      if (col) h.update(bytesOf(col, 0, s.length));
    const hash = h.digest().toString(16).padStart(16, '0');
    const data = encodeTickChunk(s, 0, s.length);
    this.#db
      .prepare(
        'INSERT INTO tick_chunks (symbol_id, count, first_ts, last_ts, hash, data) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(this.#symbolId, s.length, s.ts[0], s.ts[s.length - 1], hash, data);
    s.length = 0;
  }

  /** Makes every added tick visible at once, and refreshes the symbol's summary. */
  commit(): void {
    this.#flush();
    const db = this.#db;
    const agg = db
      .prepare(
        'SELECT COALESCE(SUM(count),0) AS n, MIN(first_ts) AS first, MAX(last_ts) AS last FROM tick_chunks WHERE symbol_id = ?',
      )
      .get(this.#symbolId) as { n: number; first: number | null; last: number | null };
    const hashes = db
      .prepare('SELECT hash FROM tick_chunks WHERE symbol_id = ? ORDER BY first_ts, id')
      .pluck()
      .all(this.#symbolId) as string[];
    const contentHash = hashes.length ? hasherSync().h64ToString(hashes.join(',')) : '';
    // Volumes count only if every stored tick has them; otherwise bars count ticks instead.
    const hasVolume = this.#stage.bidVol ? 1 : 0;
    db.prepare(
      `UPDATE symbols SET tick_count = ?, first_ts = ?, last_ts = ?, content_hash = ?, updated_at = ?,
         has_volume = CASE WHEN ? THEN has_volume AND ? ELSE ? END WHERE id = ?`,
    ).run(
      agg.n,
      agg.first,
      agg.last,
      contentHash,
      Date.now(),
      this.#keepsOldTicks ? 1 : 0,
      hasVolume,
      hasVolume,
      this.#symbolId,
    );
    db.exec('COMMIT');
    this.#open = false;
  }

  abort(): void {
    if (this.#open) this.#db.exec('ROLLBACK');
    this.#open = false;
  }
}
