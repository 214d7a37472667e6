/**
 * The submitter's upload of a job's input: every tick chunk the store lacks (content-addressed,
 * so data shared by many jobs and many runs goes up once) and a user strategy's source (read
 * from config.strategy.file, checked against the manifest's sha256).
 */
import type { Db } from '../../db/database.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ClusterManifest } from './job-manifest.ts';

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

export async function shipTicks(
  _db: Db,
  _store: ObjectStore,
  _manifest: ClusterManifest,
  _onProgress?: (p: ShipProgress) => void,
): Promise<ShipResult> {
  throw new Error('not implemented yet');
}
