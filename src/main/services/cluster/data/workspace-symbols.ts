/**
 * Writes a manifest's symbols into a workspace database exactly as the submitter stores them:
 * the same chunk blobs with the same hashes in the same order, and the same symbol row (tick
 * count, first/last time, has_volume, content hash). Not through TickWriter: re-encoding would
 * be work for nothing, and the run's fingerprint must be the submitter's, not a recomputation.
 */
import type { Db } from '../../db/database.ts';
import { readSymbol } from '../../ticks/tick-store.ts';
import { readCachedChunk } from './chunk-cache.ts';
import type { ManifestSymbol } from './job-manifest.ts';

export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/**
 * True when the workspace already holds `s` as the manifest describes it. Throws on the same
 * name with other ticks: a workspace folder is named by its data's content hashes, so this
 * means someone else wrote into it, and running on those ticks would give another run.
 */
export function holdsSymbol(db: Db, s: ManifestSymbol, dataDir: string): boolean {
  const info = readSymbol(db, s.name);
  if (!info || info.tickCount === 0) return false;
  if (
    info.contentHash !== s.contentHash ||
    info.tickCount !== s.tickCount ||
    info.firstTs !== s.firstTs ||
    info.lastTs !== s.lastTs ||
    info.hasVolume !== s.hasVolume
  )
    throw new WorkspaceError(
      `workspace ${dataDir} holds other ticks for ${s.name} (content hash ${info.contentHash}, ` +
        `the job's is ${s.contentHash}); remove the folder and let the worker rebuild it`,
    );
  return true;
}

/**
 * Inserts `s` from the chunk cache in one transaction (all ticks of the symbol or none). A
 * concurrent job of this worker that wrote it first wins; this one then finds it and stops.
 * Every chunk is verified once more as it is read: the cache is a folder anyone can write to.
 */
export function writeSymbol(db: Db, workDir: string, dataDir: string, s: ManifestSymbol): void {
  db.transaction(() => {
    if (holdsSymbol(db, s, dataDir)) return;
    const old = readSymbol(db, s.name);
    if (old) db.prepare('DELETE FROM symbols WHERE id = ?').run(old.id); // an empty leftover
    const id = Number(
      db
        .prepare(
          `INSERT INTO symbols (name, tick_count, first_ts, last_ts, has_volume, content_hash,
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.name,
          s.tickCount,
          s.firstTs,
          s.lastTs,
          s.hasVolume ? 1 : 0,
          s.contentHash,
          Date.now(),
        ).lastInsertRowid,
    );
    const insert = db.prepare(
      'INSERT INTO tick_chunks (symbol_id, count, first_ts, last_ts, hash, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const c of s.chunks) {
      const bytes = readCachedChunk(workDir, c);
      if (!bytes)
        throw new WorkspaceError(
          `tick chunk ${c.hash} of ${s.name} left the cache or failed its hash while the workspace was built; try again`,
        );
      insert.run(id, c.count, c.firstTs, c.lastTs, c.hash, bytes);
    }
  }).immediate();
}
