/**
 * Mirrors a run's checkpoints to an object store after their local write (`run
 * --checkpoint-store`, and every cluster worker): each valid checkpoint is turned into its
 * savepoint (checkpoints/savepoint.ts: self-contained, so another machine can resume it) and
 * uploaded to runs/<run-id>/checkpoints/<attempt>/<file>. Blocks neither the engine (its own
 * thread) nor the caller: the savepoint is built in a build thread when its upload's turn comes
 * (upload-queue.ts: one at a time, retried with backoff while the store is unreachable, bounded
 * while it is); failures are counted and shown, never fatal to the run.
 */
import path from 'node:path';
import type { CheckpointResult } from '../../checkpoints/checkpoint-writer.ts';
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import { buildSavepoint } from './savepoint-build.ts';
import { SavepointBuilder } from './savepoint-builder.ts';
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
  /** The longest time building one savepoint took (in the build thread), ms. */
  maxBuildMs?: number;
}

export interface CheckpointMirrorOptions {
  /** The caller's connection; savepoints are read with it only `inThread` (the build thread has its own). */
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
  /**
   * Build savepoints on the calling thread with `db` instead of in a build thread — for a host
   * that cannot start savepoint-build-worker.ts. Blocks that thread for each build (100–400 ms
   * for a 3-day run recording every bar; more as the output grows).
   */
  inThread?: boolean;
  /** Told when uploads succeed again after failures. */
  onRecovered?: (stats: MirrorStats) => void;
}

export class CheckpointMirror {
  readonly #opts: CheckpointMirrorOptions;
  readonly #queue: UploadQueue;
  readonly #builder: SavepointBuilder | null;
  #maxBuildMs = 0;
  #loading = 0;
  #closed = false;

  constructor(opts: CheckpointMirrorOptions) {
    this.#opts = opts;
    this.#builder = opts.inThread ? null : new SavepointBuilder(opts.dataDir);
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
    const { store, runId, attempt } = this.#opts;
    const key = storeKeys.checkpoint(store.url, runId, attempt, path.basename(result.path));
    this.#loading++;
    // The checksum reader needs the hasher, which a controller may not have loaded yet.
    void loadHasher().then(() => {
      this.#loading--;
      this.#queue.add({ key, bytes: () => this.#build(result.path) });
    });
  }

  get stats(): MirrorStats {
    return this.#with(this.#queue.stats);
  }

  /** Waits until the queue is empty or `timeoutMs` passes; returns the stats then. */
  async drain(timeoutMs: number): Promise<MirrorStats> {
    while (this.#loading > 0) await new Promise((r) => setImmediate(r));
    return this.#with(await this.#queue.drain(timeoutMs));
  }

  /** Stops retrying; what is still pending stays unuploaded (counted in stats). */
  close(): void {
    this.#closed = true;
    this.#queue.close();
    this.#builder?.close();
  }

  /**
   * The savepoint's bytes, made when its upload's turn comes (so one at a time), in the build
   * thread. Throws when the checkpoint cannot be mirrored — removed by retention meanwhile, say:
   * that costs the store one object, never the run.
   */
  async #build(file: string): Promise<Uint8Array> {
    const { db, runId } = this.#opts;
    if (this.#builder === null) {
      const started = performance.now();
      try {
        return buildSavepoint(db, file, runId);
      } finally {
        this.#maxBuildMs = Math.max(this.#maxBuildMs, performance.now() - started);
      }
    }
    const { bytes, ms } = await this.#builder.build(file, runId);
    this.#maxBuildMs = Math.max(this.#maxBuildMs, ms);
    return bytes;
  }

  #with(s: UploadStats): MirrorStats {
    return {
      uploaded: s.uploaded,
      failed: s.failed,
      pending: s.pending,
      superseded: s.superseded,
      lastError: s.lastError,
      bytes: s.bytes,
      unbuilt: s.unmade,
      maxBuildMs: Math.round(this.#maxBuildMs * 10) / 10,
    };
  }
}
