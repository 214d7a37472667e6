/**
 * The controller's handle on the build thread (savepoint-build-worker.ts): build() resolves with
 * a savepoint's bytes (transferred, not copied) or rejects with why it could not be made. The
 * thread starts on the first build and does not keep the process alive while idle; if it dies,
 * every later build fails with the reason (the mirror counts them), never the run.
 */
import { Worker } from 'node:worker_threads';
import type { BuildReply } from './savepoint-build.ts';

const WORKER_URL = new URL('./savepoint-build-worker.ts', import.meta.url);

export class SavepointBuilder {
  readonly #dataDir: string;
  #worker: Worker | null = null;
  #dead: string | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, (r: BuildReply) => void>();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  async build(file: string, runId: string): Promise<{ bytes: Uint8Array; ms: number }> {
    if (this.#dead) throw new Error(this.#dead);
    const worker = this.#start();
    const id = this.#nextId++;
    const reply = await new Promise<BuildReply>((resolve) => {
      this.#waiting.set(id, resolve);
      worker.ref(); // a build in flight must finish even if nothing else keeps us alive
      worker.postMessage({ id, file, runId });
    });
    if (!reply.ok) throw new Error(reply.error);
    return { bytes: reply.bytes, ms: reply.ms };
  }

  close(): void {
    this.#dead ??= 'the savepoint builder is closed';
    void this.#worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_URL, { workerData: { dataDir: this.#dataDir } });
    worker.on('message', (r: BuildReply) => {
      this.#waiting.get(r.id)?.(r);
      this.#waiting.delete(r.id);
      if (this.#waiting.size === 0) worker.unref();
    });
    const gone = (why: string) => {
      this.#dead ??= why;
      for (const [id, resolve] of this.#waiting) resolve({ id, ok: false, error: this.#dead });
      this.#waiting.clear();
    };
    worker.on('error', (e) => gone(`the savepoint build thread failed: ${e.message}`));
    worker.on('exit', (code) => gone(`the savepoint build thread exited (code ${code})`));
    worker.unref();
    this.#worker = worker;
    return worker;
  }
}
