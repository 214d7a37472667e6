/**
 * One savepoint of a written checkpoint, as the bytes the store gets: the checkpoint with every
 * check a resume makes and its histories in place (restorableCheckpoint), the run's output rows
 * up to it (savepointOf), BTCK-encoded as `checkpoints export` writes it (encodeSavepoint).
 * Runs in the build thread (savepoint-build-worker.ts) or, for a host without it, on the caller's.
 */
import { encodeSavepoint, restorableCheckpoint, savepointOf } from '../../checkpoints/savepoint.ts';
import type { Db } from '../../db/database.ts';
import { getRun } from '../../runs/run-store.ts';

/** The hasher must be loaded (loadHasher) before: the reader checks the file's checksum. */
export function buildSavepoint(db: Db, file: string, runId: string): Uint8Array {
  try {
    const run = getRun(db, runId);
    if (!run) throw new Error(`run ${runId} is not in this data folder`);
    const data = restorableCheckpoint(db, file, run);
    if (data.runId !== runId) throw new Error(`it is a checkpoint of run ${data.runId}`);
    return encodeSavepoint(savepointOf(db, data));
  } catch (err) {
    throw new Error(`savepoint of ${file}: ${(err as Error).message}`);
  }
}

export interface BuildRequest {
  id: number;
  file: string;
  runId: string;
}

export type BuildReply =
  | { id: number; ok: true; bytes: Uint8Array; ms: number }
  | { id: number; ok: false; error: string };
