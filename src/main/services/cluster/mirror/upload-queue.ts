/**
 * Uploads objects to a store one at a time, in the background, in the order they came. An
 * object's bytes are made only when its turn comes (`bytes()`, kept across retries of it), so the
 * queue holds names, not megabytes, and making one never runs back to back with the others:
 * uploads interleave. While the store fails, the head is retried with exponential backoff and at
 * most `maxPending` objects wait — when one more arrives, the oldest waiting one is dropped
 * (`superseded`): for checkpoints a newer one makes an older one redundant, and an outage of any
 * length costs a bounded queue. The newest is never dropped. While the store works, up to
 * QUEUE_LIMIT wait (a burst of checkpoints at the end of a fast run).
 */
import type { ObjectStore } from '../store/object-store.ts';

/** Waiting objects while the store works; only names until their turn, so cheap to hold. */
const QUEUE_LIMIT = 64;

export interface UploadStats {
  uploaded: number;
  failed: number;
  pending: number;
  superseded: number;
  lastError: string | null;
  /** Bytes uploaded. */
  bytes: number;
  /** Objects dropped because making their bytes failed (lastError says why). */
  unmade: number;
}

export interface RetryPolicy {
  /** Delay after the first failure; doubled after each further one. */
  firstMs: number;
  /** Longest delay between two tries. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 500, maxMs: 30_000 };

/** While a caller waits in drain(), the store is retried at least this often. */
const DRAIN_RETRY_MS = 1_000;

export interface Upload {
  key: string;
  /** Makes the object's bytes; called once, when its turn comes. */
  bytes: () => Uint8Array | Promise<Uint8Array>;
}

interface Queued extends Upload {
  made?: Uint8Array;
}

export class UploadQueue {
  readonly #store: ObjectStore;
  readonly #maxPending: number;
  readonly #retry: RetryPolicy;
  readonly #onFailure: (err: Error, stats: UploadStats) => void;
  readonly #onRecovered: (stats: UploadStats) => void;
  readonly #queue: Queued[] = [];
  #inFlight: Queued | null = null;
  #failuresInRow = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #draining = 0;
  #waiters: (() => void)[] = [];
  readonly #stats = { uploaded: 0, failed: 0, superseded: 0, bytes: 0, unmade: 0 };
  #lastError: string | null = null;

  constructor(opts: {
    store: ObjectStore;
    maxPending?: number;
    retry?: RetryPolicy;
    onFailure?: (err: Error, stats: UploadStats) => void;
    onRecovered?: (stats: UploadStats) => void;
  }) {
    this.#store = opts.store;
    this.#maxPending = Math.max(1, opts.maxPending ?? 4);
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    this.#onFailure = opts.onFailure ?? (() => {});
    this.#onRecovered = opts.onRecovered ?? (() => {});
  }

  get stats(): UploadStats {
    return { ...this.#stats, pending: this.#queue.length, lastError: this.#lastError };
  }

  add(upload: Upload): void {
    if (this.#closed) return;
    this.#queue.push({ ...upload });
    this.#trim();
    if (this.#inFlight === null && this.#timer === null) this.#kick(0);
  }

  /** Drops the oldest waiting objects over the limit; the one on its way to the store stays. */
  #trim(): void {
    const limit = this.#failuresInRow > 0 ? this.#maxPending : QUEUE_LIMIT;
    while (this.#queue.length > limit) {
      this.#queue.splice(this.#queue[0] === this.#inFlight ? 1 : 0, 1);
      this.#stats.superseded++;
    }
  }

  /** Waits until nothing is pending or `timeoutMs` passes; retries often meanwhile. */
  async drain(timeoutMs: number): Promise<UploadStats> {
    if (this.#queue.length === 0) return this.stats;
    this.#draining++;
    // Whoever waits for the end of a run should not sit out a long backoff: try now.
    if (this.#inFlight === null) this.#kick(0);
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.#waiters.push(resolve)),
        new Promise<void>((resolve) => (timeout = setTimeout(resolve, timeoutMs))),
      ]);
    } finally {
      clearTimeout(timeout);
      this.#draining--;
    }
    return this.stats;
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const w of this.#waiters.splice(0)) w();
  }

  #kick(delayMs: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#next();
    }, delayMs);
    // A retry alone must not keep a process alive; drain() holds it while someone waits.
    this.#timer.unref();
  }

  async #next(): Promise<void> {
    const up = this.#queue[0];
    if (up === undefined) for (const w of this.#waiters.splice(0)) w();
    if (this.#closed || up === undefined || this.#inFlight !== null) return;
    this.#inFlight = up;
    const done = () => this.#queue.splice(this.#queue.indexOf(up), 1);
    try {
      up.made ??= await up.bytes();
    } catch (err) {
      done();
      this.#stats.unmade++;
      this.#lastError = (err as Error).message;
      this.#inFlight = null;
      this.#kick(0);
      return;
    }
    try {
      await this.#store.put(up.key, up.made);
      this.#stats.uploaded++;
      this.#stats.bytes += up.made.length;
      done();
      if (this.#failuresInRow > 0) this.#onRecovered(this.stats);
      this.#failuresInRow = 0;
    } catch (err) {
      this.#stats.failed++;
      this.#failuresInRow++;
      this.#lastError = (err as Error).message;
      this.#inFlight = null; // back to waiting: it may be superseded like any other
      this.#trim(); // the store is away: from now on keep only the newest few
      this.#onFailure(err as Error, this.stats);
    } finally {
      this.#inFlight = null;
    }
    if (this.#queue.length === 0) {
      for (const w of this.#waiters.splice(0)) w();
      return;
    }
    this.#kick(this.#failuresInRow === 0 ? 0 : this.#backoffMs());
  }

  #backoffMs(): number {
    const { firstMs, maxMs } = this.#retry;
    const cap = this.#draining > 0 ? Math.min(maxMs, DRAIN_RETRY_MS) : maxMs;
    return Math.min(cap, firstMs * 2 ** Math.min(30, this.#failuresInRow - 1));
  }
}
