/**
 * The submitter's upload of a job's input: every tick chunk the store lacks (content-addressed,
 * so data shared by many jobs and many runs goes up once) and a user strategy's source (read
 * from config.strategy.file, checked against the manifest's sha256).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import type { StoreUrl } from '../store/store-url.ts';
import { manifestData, type ClusterManifest } from './job-manifest.ts';

export interface ShipResult {
  uploaded: number;
  skipped: number;
  bytes: number;
}

export interface ShipProgress {
  done: number;
  total: number;
  bytes: number;
}

/** Above this many chunks one listing of chunks/ is cheaper than a HEAD per chunk. */
export const LIST_ABOVE = 32;

/** The keys among `keys` the store already has. */
async function present(
  store: ObjectStore,
  keys: string[],
  prefix: string,
  listAbove: number,
): Promise<Set<string>> {
  if (keys.length > listAbove) return new Set((await store.list(prefix)).map((o) => o.key));
  const have = new Set<string>();
  for (const k of keys) if (await store.exists(k)) have.add(k);
  return have;
}

/** `<prefix>/chunks/`: what one listing covers. */
function chunksPrefix(url: StoreUrl): string {
  return url.prefix ? `${url.prefix}/chunks/` : 'chunks/';
}

/**
 * Row id of one stored chunk per hash the manifest names (one upload per hash, even when two
 * symbols hold the same ticks). Looked up per symbol: tick_chunks has no index on hash.
 */
function chunkIds(db: Db, manifest: ClusterManifest): Map<string, number> {
  const rows = db.prepare(
    `SELECT c.hash, c.id FROM tick_chunks c JOIN symbols s ON s.id = c.symbol_id
     WHERE s.name = ? ORDER BY c.first_ts, c.id`,
  );
  const ids = new Map<string, number>();
  for (const s of manifestData(manifest)) {
    const stored = rows.all(s.name) as { hash: string; id: number }[];
    // The data changed since the manifest was built: the workers would run on other ticks.
    if (stored.map((r) => r.hash).join() !== s.chunks.map((c) => c.hash).join())
      throw new Error(
        `the ticks of ${s.name} changed while run ${manifest.runId} was being submitted`,
      );
    for (const r of stored) if (!ids.has(r.hash)) ids.set(r.hash, r.id);
  }
  return ids;
}

export interface ShipOptions {
  onProgress?: (p: ShipProgress) => void;
  listAbove?: number;
  /**
   * Chunk keys this submitter already saw in the store (kept by its ClusterClient): a sweep's
   * jobs share their ticks, so only the first one checks the store for them, the others none.
   * Chunks are content-addressed and never deleted, so a key once seen stays valid.
   */
  known?: Set<string>;
}

export async function shipTicks(
  db: Db,
  store: ObjectStore,
  manifest: ClusterManifest,
  opts: ShipOptions = {},
): Promise<ShipResult> {
  const url = store.url;
  const ids = chunkIds(db, manifest);
  const keyOf = (h: string) => storeKeys.chunk(url, h);
  const known = opts.known ?? new Set<string>();
  const unknown = [...ids.keys()].map(keyOf).filter((k) => !known.has(k));
  const have =
    unknown.length === 0
      ? new Set<string>()
      : await present(store, unknown, chunksPrefix(url), opts.listAbove ?? LIST_ABOVE);
  const blob = db.prepare('SELECT data FROM tick_chunks WHERE id = ?').pluck();
  const out: ShipResult = { uploaded: 0, skipped: 0, bytes: 0 };
  let done = 0;
  for (const [h, id] of ids) {
    const key = keyOf(h);
    if (known.has(key) || have.has(key)) out.skipped++;
    else {
      const data = blob.get(id) as Uint8Array;
      await store.put(key, data);
      out.uploaded++;
      out.bytes += data.length;
    }
    known.add(key);
    opts.onProgress?.({ done: ++done, total: ids.size, bytes: out.bytes });
  }
  if (manifest.strategy) await shipStrategy(store, manifest, out);
  return out;
}

async function shipStrategy(
  store: ObjectStore,
  manifest: ClusterManifest,
  out: ShipResult,
): Promise<void> {
  const m = manifest.strategy!;
  const key = storeKeys.strategy(store.url, m.sha256);
  if (await store.exists(key)) {
    out.skipped++;
    return;
  }
  const file = manifest.config.strategy!.file!;
  const source = fs.readFileSync(file);
  // The file changed since the manifest named its hash: the workers would run other code.
  if (createHash('sha256').update(source).digest('hex') !== m.sha256)
    throw new Error(
      `${file} changed while run ${manifest.runId} was being submitted; submit again`,
    );
  await store.put(key, source);
  out.uploaded++;
  out.bytes += source.length;
}
