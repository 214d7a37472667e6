/**
 * Writes checkpoints off the engine thread. The engine captures its state and serializes it (fast,
 * it has to be consistent with the tick it was taken at); this hands the bytes to a worker thread
 * that encodes them (checkpoint-handoff.ts), compresses, hashes, writes durably, fsyncs and reads
 * the file back to validate it. The
 * payload's buffer is transferred, not copied, so a large capture costs the engine nothing more.
 *
 * At most one write is in flight: a trigger that fires while `busy` is skipped by the caller (and
 * counted), never queued, so a slow disk cannot build a backlog of stale captures in memory.
 */
import { Worker } from 'node:worker_threads';
import { checkpointFileName } from './btck/file-name.ts';
import type {
  CheckpointJob,
  CheckpointResult,
  FromWorker,
  ToWorker,
} from './checkpoint-writer-protocol.ts';

export type { CheckpointJob, CheckpointResult } from './checkpoint-writer-protocol.ts';
export { TEST_DELAY_ENV } from './checkpoint-writer-protocol.ts';

const WORKER_URL = new URL('./checkpoint-writer-worker.ts', import.meta.url);

export interface CheckpointWriterOptions {
  /** The worker module, for hosts that bundle it elsewhere (default: the .ts file beside this). */
  workerUrl?: URL;
  /**
   * The database whose run claims fence the writes (write-fence.ts): the worker opens it while
   * starting, so the first checkpoint does not pay for loading SQLite into the thread.
   */
  fenceDb?: string;
}

interface InFlight {
  id: number;
  seq: number;
  startedAt: number;
  done: Promise<CheckpointResult>;
  resolve: (r: CheckpointResult) => void;
}

export class CheckpointWriter {
  readonly #worker: Worker;
  #inFlight: InFlight | null = null;
  #nextId = 1;
  #closing: Promise<void> | null = null;
  /** Why the worker is gone, once it is (writes then fail with code EWORKER). */
  #dead: string | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (msg: FromWorker) => this.#onMessage(msg));
    worker.on('error', (e) => this.#onGone(`checkpoint writer worker failed: ${e.message}`));
    worker.on('exit', (code) => this.#onGone(`checkpoint writer worker exited (code ${code})`));
    // Idle, the worker must not keep the process alive; #send refs it while a write is in flight.
    worker.unref();
  }

  /** Spawns the worker and waits until it is ready (hasher loaded). */
  static async start(opts: CheckpointWriterOptions = {}): Promise<CheckpointWriter> {
    const worker = new Worker(opts.workerUrl ?? WORKER_URL, {
      workerData: { fenceDb: opts.fenceDb },
    });
    await new Promise<void>((resolve, reject) => {
      const off = (): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (m: FromWorker): void => {
        if (m.type !== 'ready') return;
        off();
        resolve();
      };
      const onError = (e: Error): void => {
        off();
        reject(e);
      };
      const onExit = (code: number): void => {
        off();
        reject(new Error(`checkpoint writer worker exited (code ${code}) before it was ready`));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return new CheckpointWriter(worker);
  }

  /** A write is in flight; write() would throw. */
  get busy(): boolean {
    return this.#inFlight !== null;
  }

  /**
   * Writes one checkpoint; resolves once it is durable and validated, or with ok:false (never
   * rejects for I/O errors). Throws if busy or closed, or for a seq/ticks that cannot be a file
   * name. The payload's buffer is transferred: it is detached (length 0) for the caller afterwards.
   * A payload that is a view into a larger buffer is copied instead, so the rest stays usable.
   */
  write(job: CheckpointJob): Promise<CheckpointResult> {
    if (this.#closing) throw new Error('CheckpointWriter is closed');
    if (this.#inFlight) {
      throw new Error(
        `checkpoint ${this.#inFlight.seq} is still being written; check busy and skip this one`,
      );
    }
    checkpointFileName(job.seq, job.ticks);
    if (this.#dead) {
      return Promise.resolve({ ok: false, seq: job.seq, error: this.#dead, code: 'EWORKER' });
    }
    let resolve!: (r: CheckpointResult) => void;
    const done = new Promise<CheckpointResult>((r) => (resolve = r));
    const id = this.#nextId++;
    this.#inFlight = { id, seq: job.seq, startedAt: performance.now(), done, resolve };
    this.#worker.ref(); // a write in flight must complete even if nothing else keeps us alive
    this.#send(id, job);
    return done;
  }

  #send(id: number, job: CheckpointJob): void {
    const msg = (payload: Uint8Array): ToWorker => ({
      type: 'write',
      id,
      job: {
        dir: job.dir,
        seq: job.seq,
        ticks: job.ticks,
        createdAt: job.createdAt,
        version: job.version,
        level: job.level,
        payload,
        payloadFormat: job.payloadFormat,
        fence: job.fence,
        rows: job.rows,
      },
    });
    // The bar pieces handed over are the recorder's own fresh copies: moved, not copied again.
    const pieces = (job.rows?.bars ?? []).map((b) => b.bars.cols.buffer as ArrayBuffer);
    const p = job.payload;
    const ownsBuffer =
      p.buffer instanceof ArrayBuffer && p.byteOffset === 0 && p.byteLength === p.buffer.byteLength;
    if (ownsBuffer) {
      try {
        this.#worker.postMessage(msg(p), [p.buffer as ArrayBuffer, ...pieces]);
        return;
      } catch {
        // Untransferable (e.g. a Node Buffer pool slab): fall through and send a copy.
      }
    }
    const copy = new Uint8Array(p);
    this.#worker.postMessage(msg(copy), [copy.buffer, ...pieces]);
  }

  #onMessage(msg: FromWorker): void {
    if (msg.type !== 'result') return;
    const job = this.#inFlight;
    if (!job || job.id !== msg.id) return;
    const r = msg.result;
    this.#finish(r.ok ? { ...r, totalMs: performance.now() - job.startedAt } : r);
  }

  #onGone(reason: string): void {
    this.#dead ??= reason;
    if (this.#inFlight) {
      this.#finish({ ok: false, seq: this.#inFlight.seq, error: reason, code: 'EWORKER' });
    }
  }

  #finish(result: CheckpointResult): void {
    const job = this.#inFlight;
    if (!job) return;
    this.#inFlight = null;
    if (!this.#dead) this.#worker.unref();
    job.resolve(result);
  }

  /** Waits for the write in flight (if any), then terminates the worker. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#inFlight) await this.#inFlight.done;
      this.#dead ??= 'CheckpointWriter is closed';
      await this.#worker.terminate();
    })();
    return this.#closing;
  }
}
