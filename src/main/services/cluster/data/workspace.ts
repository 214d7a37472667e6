/**
 * A worker's data folder for a job: `workDir/ws/<fingerprint>`, a normal BackTestr data folder
 * whose symbols are exactly the submitter's (same chunk bytes and hashes, same symbol rows), so
 * the run's fingerprint and config hash are the submitter's. Chunks come from the store through
 * the cache `workDir/chunks/<hash>`, each verified against its hash.
 *
 * The fingerprint is the data's (sha256 of the sorted "name:contentHash" list), plus the user
 * strategy's sha256 when there is one: a strategy is found by name in the folder's strategies/,
 * so two versions of one file must never share a folder — a job could load the other's code.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { configHash } from '../../checkpoints/checkpoint-capture.ts';
import { openDatabase, type Db } from '../../db/database.ts';
import { hasherSync, loadHasher } from '../../hash.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import { ensureChunk } from './chunk-cache.ts';
import { manifestData, type ClusterManifest } from './job-manifest.ts';
import { writeStrategy } from './workspace-strategy.ts';
import { holdsSymbol, WorkspaceError, writeSymbol } from './workspace-symbols.ts';

export { resetWorkspaceRun } from './workspace-reset.ts';
export { WorkspaceError } from './workspace-symbols.ts';

export interface Workspace {
  dataDir: string;
  db: Db;
  /** Chunks downloaded from the store for this workspace (0 when all were cached or present). */
  fetched: { chunks: number; bytes: number };
}

export function workspaceName(m: ClusterManifest): string {
  const names = manifestData(m)
    .map((s) => `${s.name}:${s.contentHash}`)
    .sort();
  const data = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 20);
  return m.strategy ? `${data}-${m.strategy.sha256.slice(0, 12)}` : data;
}

/** What a manifest says about itself that only hashing can check (the schema checked the rest). */
function checkHashes(m: ClusterManifest, key: string): void {
  if (configHash(m.config) !== m.configHash)
    throw new WorkspaceError(`${key}: configHash does not match the config it carries`);
  for (const s of manifestData(m)) {
    const content = hasherSync().h64ToString(s.chunks.map((c) => c.hash).join(','));
    if (content !== s.contentHash)
      throw new WorkspaceError(`${key}: ${s.name}'s contentHash does not match its chunk list`);
  }
}

/** Opens (building what is missing) the workspace of a job; the caller closes `db`. */
export async function openWorkspace(
  workDir: string,
  store: ObjectStore,
  manifest: ClusterManifest,
): Promise<Workspace> {
  await loadHasher();
  checkHashes(manifest, storeKeys.job(store.url, manifest.runId));
  const dataDir = path.join(workDir, 'ws', workspaceName(manifest));
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(dataDir);
  const fetched = { chunks: 0, bytes: 0 };
  try {
    for (const s of manifestData(manifest)) {
      if (holdsSymbol(db, s, dataDir)) continue;
      // Downloads first, then one synchronous transaction: the write lock is never held across
      // the network, and memory holds one chunk at a time.
      for (const c of s.chunks) {
        const bytes = await ensureChunk(workDir, store, c);
        if (bytes > 0) fetched.chunks++;
        fetched.bytes += bytes;
      }
      writeSymbol(db, workDir, dataDir, s);
    }
    if (manifest.strategy) await writeStrategy(dataDir, store, manifest.strategy);
  } catch (e) {
    db.close();
    throw e;
  }
  return { dataDir, db, fetched };
}
