/**
 * Starts and stops a session's heartbeat thread (heartbeat-worker.ts). Owned by the session
 * itself, so it works wherever the session runs — the CLI's main thread, the app's backend
 * worker, a per-run worker thread — and beats as long as the process is not frozen, however
 * long the engine thread is busy.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/database.ts';
import type { RunClaim } from './run-fence.ts';
import { heartbeatIntervalMs } from './run-ownership.ts';

const WORKER_URL = new URL('./heartbeat-worker.ts', import.meta.url);

export interface HeartbeatData {
  dbPath: string;
  claim: RunClaim;
  intervalMs: number;
}

export type FromHeartbeat = { type: 'ready' } | { type: 'lost' };

export class HeartbeatThread {
  readonly #worker: Worker;
  #lost = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (m: FromHeartbeat) => {
      if (m.type === 'lost') this.#lost = true;
    });
  }

  /** Starts beating for `claim` and resolves once the first beat is written. */
  static async start(db: Db, claim: RunClaim): Promise<HeartbeatThread> {
    const data: HeartbeatData = { dbPath: db.name, claim, intervalMs: heartbeatIntervalMs() };
    const worker = new Worker(WORKER_URL, { workerData: data });
    const thread = new HeartbeatThread(worker);
    // The listeners stay: a later 'error' must not become an uncaught exception of the session.
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromHeartbeat) => m.type === 'ready' && resolve());
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`heartbeat thread exited (code ${code})`)));
    });
    // The session decides when the process ends; a beating thread must not keep it alive.
    worker.unref();
    return thread;
  }

  /** The thread found the run owned by another session (the next fenced write will say by whom). */
  get lost(): boolean {
    return this.#lost;
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
