/**
 * A worker's data folder for a job: `workDir/ws/<fingerprint>`, a normal BackTestr data folder
 * whose symbols are exactly the submitter's (same chunk bytes and hashes, same symbol rows), so
 * the run's fingerprint and config hash are the submitter's. Chunks come from the store through
 * the cache `workDir/chunks/<hash>`, each verified against its hash.
 */
import type { Db } from '../../db/database.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ClusterManifest } from './job-manifest.ts';

export interface Workspace {
  dataDir: string;
  db: Db;
  /** Chunks downloaded from the store for this workspace (0 when all were cached or present). */
  fetched: { chunks: number; bytes: number };
}

export async function openWorkspace(
  _workDir: string,
  _store: ObjectStore,
  _manifest: ClusterManifest,
): Promise<Workspace> {
  throw new Error('not implemented yet');
}

/** Deletes a stale local copy of the run (rows, checkpoints folder) before an attempt begins. */
export function resetWorkspaceRun(_db: Db, _dataDir: string, _runId: string): void {
  throw new Error('not implemented yet');
}
