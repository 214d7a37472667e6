/**
 * Mirrors a run's checkpoints to an object store after their local write (`run
 * --checkpoint-store`, and every cluster worker): each valid checkpoint is turned into its
 * savepoint (checkpoints/savepoint.ts: self-contained, so another machine can resume it) and
 * uploaded to runs/<run-id>/checkpoints/<attempt>/<file>. Never blocks the engine: the engine
 * runs in its own thread, the savepoint is built on the controller's, and uploads queue in
 * upload-queue.ts, retried with backoff while the store is unreachable; failures are counted and
 * shown, never fatal to the run.
 */
import path from 'node:path';
import type { CheckpointResult } from '../../checkpoints/checkpoint-writer.ts';
import { encodeSavepoint, restorableCheckpoint, savepointOf } from '../../checkpoints/savepoint.ts';
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import { getRun } from '../../runs/run-store.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import { UploadQueue, type RetryPolicy, type UploadStats } from './upload-queue.ts';

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
  /** Bytes uploaded. */
  bytes?: number;
  /** Checkpoints that could not be made into a savepoint (lastError says why). */
  unbuilt?: number;
  /** The longest time building one savepoint took on the controller thread, ms. */
  maxBuildMs?: number;
}

export interface CheckpointMirrorOptions {
  /** The connection the run's rows are read from to build savepoints (the controller's). */
  db: Db;
  dataDir: string;
  store: ObjectStore;
  runId: string;
  /** attemptId() of this process's session: the key segment that fences its objects. */
  attempt: string;
  /** Savepoints held while the store is away (default 4); older ones are superseded. */
  maxPending?: number;
  /** Backoff between failed uploads (default 0.5 s doubling to 30 s). */
  retry?: RetryPolicy;
  /** Told when an upload fails after the store was fine (once per outage) — to show it. */
  onFailure?: (err: Error, stats: MirrorStats) => void;
  /** Told when uploads succeed again after failures. */
  onRecovered?: (stats: MirrorStats) => void;
}

export class CheckpointMirror {
  readonly #opts: CheckpointMirrorOptions;
  readonly #queue: UploadQueue;
  #unbuilt = 0;
  #maxBuildMs = 0;
  #buildError: string | null = null;
  #building = 0;
  #closed = false;

  constructor(opts: CheckpointMirrorOptions) {
    this.#opts = opts;
    let outage = false;
    this.#queue = new UploadQueue({
      store: opts.store,
      maxPending: opts.maxPending,
      retry: opts.retry,
      onFailure: (err, s) => {
        if (!outage) opts.onFailure?.(err, this.#with(s));
        outage = true;
      },
      onRecovered: (s) => {
        outage = false;
        opts.onRecovered?.(this.#with(s));
      },
    });
  }

  /** RunHost's onCheckpoint: queues a valid checkpoint's savepoint; ignores failed writes. */
  onCheckpoint(result: CheckpointResult): void {
    if (!result.ok || this.#closed) return;
    this.#building++;
    // Off the message handler that delivered it, so the controller answers signals first; the
    // checksum reader needs the hasher, which a controller may not have loaded yet.
    void loadHasher().then(() =>
      setImmediate(() => {
        this.#building--;
        if (!this.#closed) this.#build(result.path);
      }),
    );
  }

  get stats(): MirrorStats {
    return this.#with(this.#queue.stats);
  }

  /** Waits until the queue is empty or `timeoutMs` passes; returns the stats then. */
  async drain(timeoutMs: number): Promise<MirrorStats> {
    while (this.#building > 0) await new Promise((r) => setImmediate(r));
    return this.#with(await this.#queue.drain(timeoutMs));
  }

  /** Stops retrying; what is still pending stays unuploaded (counted in stats). */
  close(): void {
    this.#closed = true;
    this.#queue.close();
  }

  #build(file: string): void {
    const { db, store, runId, attempt } = this.#opts;
    const started = performance.now();
    try {
      const run = getRun(db, runId);
      if (!run) throw new Error(`run ${runId} is not in this data folder`);
      const data = restorableCheckpoint(db, file, run);
      if (data.runId !== runId) throw new Error(`${file} is a checkpoint of run ${data.runId}`);
      const bytes = encodeSavepoint(savepointOf(db, data));
      const key = storeKeys.checkpoint(store.url, runId, attempt, path.basename(file));
      this.#queue.add(key, bytes);
    } catch (err) {
      // A checkpoint that cannot be mirrored (removed by retention meanwhile, say) costs the
      // store one object, never the run.
      this.#unbuilt++;
      this.#buildError = `savepoint of ${file}: ${(err as Error).message}`;
    } finally {
      this.#maxBuildMs = Math.max(this.#maxBuildMs, performance.now() - started);
    }
  }

  #with(s: UploadStats): MirrorStats {
    return {
      uploaded: s.uploaded,
      failed: s.failed,
      pending: s.pending,
      superseded: s.superseded,
      lastError: s.lastError ?? this.#buildError,
      bytes: s.bytes,
      unbuilt: this.#unbuilt,
      maxBuildMs: Math.round(this.#maxBuildMs * 10) / 10,
    };
  }
}
