/**
 * `--checkpoint-store s3://BUCKET/PREFIX` on `run` and `resume`: the session's checkpoints are
 * mirrored to the store as savepoints (services/cluster/mirror) while the run goes on, shown on
 * stderr when the store fails and recovers, and waited for (at most --store-wait) at the end.
 * Only the store URL is printed: endpoint and credentials come from the AWS chain, never here.
 */
import os from 'node:os';
import type { CheckpointResult } from '../services/checkpoints/checkpoint-writer.ts';
import {
  CheckpointMirror,
  type MirrorStats,
} from '../services/cluster/mirror/checkpoint-mirror.ts';
import { S3ObjectStore } from '../services/cluster/store/object-store.ts';
import { attemptId } from '../services/cluster/store/store-keys.ts';
import {
  formatStoreUrl,
  parseStoreUrl,
  StoreUrlError,
} from '../services/cluster/store/store-url.ts';
import type { CliContext } from './context.ts';
import { parseDuration } from './options.ts';
import { UsageError } from './usage.ts';

/** parseArgs options shared by `run` and `resume`. */
export const CHECKPOINT_STORE_OPTIONS = {
  'checkpoint-store': { type: 'string' },
  'store-wait': { type: 'string' },
} as const;

const DEFAULT_WAIT_MS = 30_000;

export class CliCheckpointStore {
  readonly #ctx: CliContext;
  readonly #store: S3ObjectStore;
  readonly #waitMs: number;
  readonly #where: string;
  #mirror: CheckpointMirror | null = null;

  /** null without --checkpoint-store. */
  static of(
    ctx: CliContext,
    v: { 'checkpoint-store'?: string; 'store-wait'?: string },
  ): CliCheckpointStore | null {
    if (v['checkpoint-store'] === undefined) return null;
    let url;
    try {
      url = parseStoreUrl(v['checkpoint-store'], '--checkpoint-store');
    } catch (e) {
      if (e instanceof StoreUrlError) throw new UsageError(e.message);
      throw e;
    }
    const wait = v['store-wait'];
    return new CliCheckpointStore(
      ctx,
      new S3ObjectStore(url),
      wait === undefined ? DEFAULT_WAIT_MS : parseDuration('store-wait', wait),
    );
  }

  private constructor(ctx: CliContext, store: S3ObjectStore, waitMs: number) {
    this.#ctx = ctx;
    this.#store = store;
    this.#waitMs = waitMs;
    this.#where = formatStoreUrl(store.url);
  }

  /** RunHost's onStart: the run id is known (a fork's is new) — mirror under it. */
  readonly onStart = (run: { runId: string }): void => {
    this.#mirror?.close();
    this.#mirror = new CheckpointMirror({
      db: this.#ctx.db,
      dataDir: this.#ctx.dataDir,
      store: this.#store,
      runId: run.runId,
      // n = 0: a local session; a cluster worker numbers its attempts.
      attempt: attemptId(os.hostname(), process.pid, 0),
      onFailure: (err, s) =>
        this.#ctx.err(
          `checkpoint store ${this.#where} failing (${err.message}); the run goes on, ` +
            `${s.pending} checkpoint(s) pending, retrying in the background`,
        ),
      onRecovered: (s) =>
        this.#ctx.err(`checkpoint store ${this.#where} reachable again (${s.pending} pending)`),
    });
  };

  readonly onCheckpoint = (result: CheckpointResult): void => this.#mirror?.onCheckpoint(result);

  /** Lets go of the store without waiting (the session did not start). */
  close(): void {
    this.#mirror?.close();
    this.#store.close();
  }

  /** Waits for pending uploads (bounded), prints the tally, lets go of the store. */
  async finish(): Promise<MirrorStats | null> {
    const mirror = this.#mirror;
    try {
      if (!mirror) return null;
      const s = await mirror.drain(this.#waitMs);
      mirror.close();
      const notes = [
        s.superseded > 0 ? `${s.superseded} superseded` : '',
        s.unbuilt ? `${s.unbuilt} not mirrored` : '',
      ].filter(Boolean);
      this.#ctx.err(
        `checkpoints mirrored to ${this.#where}: ${s.uploaded} uploaded, ${s.failed} failed attempts, ` +
          `${s.pending} pending${notes.length ? `, ${notes.join(', ')}` : ''}` +
          (s.pending > 0 || s.unbuilt ? ` (last error: ${s.lastError})` : ''),
      );
      return s;
    } finally {
      this.#store.close();
    }
  }
}
