/**
 * Mirrors a run's checkpoints to an object store after their local write (`run
 * --checkpoint-store`, and every cluster worker): each valid checkpoint is turned into its
 * savepoint (checkpoints/savepoint.ts: self-contained, so another machine can resume it) and
 * uploaded to runs/<run-id>/checkpoints/<attempt>/<file>. Never blocks the engine: uploads queue
 * here and are retried with backoff while the store is unreachable; failures are counted and
 * shown, never fatal to the run.
 *
 * FOUNDATION STUB — implemented by the local-storage work (helper h1). Signatures are binding.
 */
import type { CheckpointResult } from '../../checkpoints/checkpoint-writer.ts';
import type { Db } from '../../db/database.ts';
import type { ObjectStore } from '../store/object-store.ts';

export interface MirrorStats {
  /** Savepoints uploaded. */
  uploaded: number;
  /** Upload attempts that failed (each retried until it succeeds or is superseded). */
  failed: number;
  /** Waiting to be uploaded. */
  pending: number;
  /** Queued but dropped because newer ones superseded them while the store was away. */
  superseded: number;
  lastError: string | null;
}

export interface CheckpointMirrorOptions {
  /** The connection the run's rows are read from to build savepoints (the controller's). */
  db: Db;
  dataDir: string;
  store: ObjectStore;
  runId: string;
  /** attemptId() of this process's session: the key segment that fences its objects. */
  attempt: string;
}

export class CheckpointMirror {
  constructor(_opts: CheckpointMirrorOptions) {}

  /** RunHost's onCheckpoint: queues a valid checkpoint's savepoint; ignores failed writes. */
  onCheckpoint(_result: CheckpointResult): void {}

  get stats(): MirrorStats {
    return { uploaded: 0, failed: 0, pending: 0, superseded: 0, lastError: null };
  }

  /** Waits until the queue is empty or `timeoutMs` passes; returns the stats then. */
  async drain(_timeoutMs: number): Promise<MirrorStats> {
    return this.stats;
  }

  /** Stops retrying; what is still pending stays unuploaded (counted in stats). */
  close(): void {}
}
