/**
 * The backend in a worker thread, seen from the main thread as the same Backend interface.
 * Electron's main process uses it so runs, SQLite and checkpoint capture never block the window.
 *
 * If the worker dies (a crash, an out-of-memory abort, terminate()), every call in flight
 * rejects with a clear error, each run that was active is reported as run:state 'interrupted',
 * and the next call starts a new worker — whose backend marks those runs interrupted in the
 * database too — so the app can offer to resume them without a restart. With `onConnection`
 * (Electron's glue forwards it to the window's banner) the host says 'disconnected' at once and
 * starts the new worker itself, saying 'connected' when it is ready, so the UI refreshes without
 * waiting for a click.
 */
import { Worker } from 'node:worker_threads';
import type { ConnectionEvent } from '../../../shared/connection.ts';
import type { ArgsOf, Channel, EventMap, ResultOf } from '../../../shared/contract.ts';
import { parseArgs } from '../../../shared/contract.ts';
// Types only: the Electron main thread must not load the services (or their native modules).
import type { Backend } from '../api/backend.ts';
import { Emitter } from '../api/events.ts';
import type { BackendWorkerData, FromWorker, ToWorker } from './protocol.ts';

export type { Backend } from '../api/backend.ts';

export interface WorkerBackendOptions {
  dataDir: string;
  host: 'electron' | 'web';
  /** The worker module, for a bundled app (default: backend-worker.ts beside this file). */
  workerUrl?: URL;
  /** Told when the worker dies and when its replacement is ready (then started eagerly). */
  onConnection?: (event: ConnectionEvent) => void;
}

/** Retry delays of an eager restart whose worker fails to start: doubling, capped. */
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 2000;

export interface WorkerBackend extends Backend {
  /** The current worker thread; null while none runs (before the first call after a crash). */
  readonly worker: Worker | null;
}

interface Call {
  what: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  /** pauseAll / close: a worker that died has nothing left to pause or close. */
  doneIfGone: boolean;
}

/** Starts the worker and waits until its backend is ready (so start-up errors surface here). */
export async function startWorkerBackend(opts: WorkerBackendOptions): Promise<WorkerBackend> {
  const host = new WorkerHost(opts);
  await host.ensureWorker();
  // Methods that work detached too (`const { invoke } = backend`), like createBackend's.
  return {
    invoke: <C extends Channel>(channel: C, args?: ArgsOf<C>) => host.invoke(channel, args),
    on: (event, listener) => host.on(event, listener),
    pauseAll: () => host.pauseAll(),
    close: () => host.close(),
    get worker() {
      return host.worker;
    },
  };
}

class WorkerHost {
  readonly #url: URL;
  readonly #data: BackendWorkerData;
  readonly #events = new Emitter<EventMap>();
  readonly #calls = new Map<number, Call>();
  /** Runs the worker reported running and not yet ended: what a crash interrupts. */
  readonly #activeRuns = new Set<string>();
  #nextId = 1;
  #worker: Worker | null = null;
  #starting: Promise<Worker> | null = null;
  #closing: Promise<void> | null = null;
  readonly #onConnection: WorkerBackendOptions['onConnection'];

  constructor(opts: WorkerBackendOptions) {
    this.#onConnection = opts.onConnection;
    this.#url = opts.workerUrl ?? new URL('./backend-worker.ts', import.meta.url);
    this.#data = { dataDir: opts.dataDir, host: opts.host };
  }

  get worker(): Worker | null {
    return this.#worker;
  }

  async invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
    try {
      if (this.#closing) throw new Error(`${String(channel)}: the backend is closed`);
      parseArgs(channel, args); // bad arguments never reach (or start) the worker
      const worker = await this.ensureWorker();
      return (await this.#call(
        worker,
        channel,
        { type: 'invoke', channel, args },
        false,
      )) as ResultOf<C>;
    } catch (err) {
      throw new Error(err instanceof Error ? err.message : String(err));
    }
  }

  on<E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  async pauseAll(): Promise<void> {
    const worker = this.#worker;
    if (worker) await this.#call(worker, 'pauseAll', { type: 'pauseAll' }, true);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      const worker = await this.#starting?.catch(() => null);
      if (!worker || this.#worker !== worker) return;
      await this.#call(worker, 'close', { type: 'close' }, true);
      this.#worker = null; // its exit is expected now
      await worker.terminate();
    })();
    return this.#closing;
  }

  /** The running worker, or a new one once it is ready. */
  ensureWorker(): Promise<Worker> {
    this.#starting ??= this.#spawn().catch((err: unknown) => {
      this.#starting = null; // the next call tries again
      throw err;
    });
    return this.#starting;
  }

  #spawn(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(this.#url, { workerData: this.#data });
      let ready = false;
      let failure: string | null = null;
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') {
          ready = true;
          this.#worker = worker;
          resolve(worker);
        } else if (msg.type === 'startFailed') {
          failure = msg.message;
        } else {
          this.#onMessage(msg);
        }
      });
      worker.on('error', (err) => (failure ??= err.message));
      worker.on('exit', (code) => {
        if (!ready) {
          reject(new Error(failure ?? `the backend worker exited (code ${code}) while starting`));
        } else if (this.#worker === worker) {
          this.#gone(`the backend worker stopped unexpectedly (${failure ?? `exit code ${code}`})`);
        }
      });
    });
  }

  #call(worker: Worker, what: string, msg: DistributiveOmit<ToWorker, 'id'>, doneIfGone: boolean) {
    return new Promise<unknown>((resolve, reject) => {
      const id = this.#nextId++;
      this.#calls.set(id, { what, resolve, reject, doneIfGone });
      try {
        worker.postMessage({ ...msg, id } as ToWorker);
      } catch (err) {
        this.#calls.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  #onMessage(msg: Exclude<FromWorker, { type: 'ready' | 'startFailed' }>): void {
    if (msg.type === 'event') {
      const { event, payload } = msg;
      if (event === 'run:state') {
        const s = payload as EventMap['run:state'];
        if (s.status === 'running') this.#activeRuns.add(s.runId);
        else this.#activeRuns.delete(s.runId);
      }
      this.#events.emit(event, payload);
      return;
    }
    const call = this.#calls.get(msg.id);
    if (!call) return;
    this.#calls.delete(msg.id);
    if (msg.ok) call.resolve(msg.value);
    else call.reject(new Error(msg.message));
  }

  /** The worker died: fail its calls, report its runs interrupted; the next call starts anew. */
  #gone(reason: string): void {
    this.#worker = null;
    this.#starting = null;
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    for (const call of calls) {
      if (call.doneIfGone) call.resolve(undefined);
      else call.reject(new Error(`${call.what} did not finish: ${reason}`));
    }
    const runs = [...this.#activeRuns];
    this.#activeRuns.clear();
    for (const runId of runs) {
      this.#events.emit('run:state', { runId, status: 'interrupted', error: reason });
    }
    if (this.#onConnection && !this.#closing) {
      this.#onConnection({ state: 'disconnected', since: Date.now() });
      void this.#restart();
    }
  }

  /** Starts a new worker now (retrying with a capped backoff) and reports it connected. */
  async #restart(): Promise<void> {
    for (let delay = RESTART_MIN_MS; !this.#closing; delay = Math.min(delay * 2, RESTART_MAX_MS)) {
      try {
        await this.ensureWorker();
        if (!this.#closing) this.#onConnection?.({ state: 'connected', since: Date.now() });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
