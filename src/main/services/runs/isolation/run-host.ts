/**
 * The controller's side of a run executed in a worker thread (run-worker.ts). The controller —
 * the CLI's main thread, or the app's backend thread — handles signals and IPC and never runs
 * strategy code, so it stays responsive whatever the strategy does. It forwards pause and
 * checkpoint requests, relays progress, and ends the run itself when the worker cannot:
 *   - a strategy callback (or a module load) over its budget: the watchdog terminates the worker
 *     (terminate() stops even `for (;;) {}`) and the run fails naming file, callback and bar;
 *   - the worker's heap limit reached, or the worker dying any other way: the run fails with
 *     the reason. Never a hung CLI or app.
 */
import { Worker } from 'node:worker_threads';
import type { RunProgressEvent } from '../../../../shared/dto.ts';
import { newWatchBuffer } from '../../../engine/strategy/callback-watch.ts';
import { StrategyParamError } from '../../../engine/strategy/params.ts';
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { CheckpointResult } from '../../checkpoints/checkpoint-writer.ts';
import type { Db } from '../../db/database.ts';
import type { ResumeSummary } from '../resume-service.ts';
import type { PauseReason, RunProgress } from '../run-loop.ts';
import { RunInputError } from '../run-request.ts';
import type { RunSummary } from '../run-service.ts';
import { abandonRun } from './abandon-run.ts';
import { callbackTimeoutMs, loadTimeoutMs, runMemoryMb, workerExecArgv } from './limits.ts';
import type {
  FromRunWorker,
  RunJob,
  RunWorkerData,
  StartedRun,
  ToRunWorker,
} from './run-protocol.ts';
import { stuckMessage, Watchdog } from './watchdog.ts';

export type { RunJob, StartedRun } from './run-protocol.ts';

const WORKER_URL = new URL('./run-worker.ts', import.meta.url);

export interface RunHostOptions {
  /** The controller's connection, to fail a run whose worker had to be stopped. */
  db: Db;
  dataDir: string;
  job: RunJob;
  checkpoints: CheckpointPolicy | null;
  /** Per-callback budget; default limits.ts. */
  callbackTimeoutMs?: number | null;
  /** Build the app's run:progress payload in the worker (the CLI needs only the numbers). */
  liveProgress?: boolean;
  /** A sweep's job (RunOptions.sweepJob). */
  sweepJob?: boolean;
  onStart?: (run: StartedRun) => void;
  onProgress?: (p: RunProgress, event: RunProgressEvent | null) => void;
  onCheckpoint?: (r: CheckpointResult, trigger: string) => void;
  /** The worker module, for a bundled app (default: run-worker.ts beside this file). */
  workerUrl?: URL;
}

export class RunHost {
  /** The session's summary; rejects with the reason the run failed or could not start. */
  readonly finished: Promise<RunSummary | ResumeSummary>;
  readonly #worker: Worker;
  #run: StartedRun | null = null;
  #stopReason: string | null = null;

  constructor(opts: RunHostOptions) {
    const watch = newWatchBuffer();
    const memoryMb = runMemoryMb();
    const data: RunWorkerData = {
      dataDir: opts.dataDir,
      job: opts.job,
      checkpoints: opts.checkpoints,
      watch,
      liveProgress: opts.liveProgress ?? false,
      sweepJob: opts.sweepJob ?? false,
    };
    this.#worker = new Worker(opts.workerUrl ?? WORKER_URL, {
      workerData: data,
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    let loadingFile: string | null = null;
    const watchdog = new Watchdog(
      watch,
      { callbackMs: callbackTimeoutMs(opts.callbackTimeoutMs), loadMs: loadTimeoutMs() },
      (s, budget) => this.stop(stuckMessage(this.#run, loadingFile, s, budget)),
    );
    watchdog.start();
    let outcome: FromRunWorker | null = null;
    let error: Error | null = null;
    this.finished = new Promise((resolve, reject) => {
      this.#worker.on('message', (m: FromRunWorker) => {
        if (this.#stopReason !== null) return;
        if (m.type === 'loading') loadingFile = m.file;
        else if (m.type === 'started') {
          const { type: _, ...run } = m;
          this.#run = run;
          opts.onStart?.(run);
        } else if (m.type === 'progress') opts.onProgress?.(m.progress, m.event);
        else if (m.type === 'checkpoint') opts.onCheckpoint?.(m.result, m.trigger);
        else {
          outcome = m;
          // The session is over and its database closed; nothing the strategy left running
          // (a timer, a pending promise) may keep the thread, or the process, alive.
          void this.#worker.terminate();
        }
      });
      this.#worker.on('error', (err) => (error ??= err));
      this.#worker.on('exit', (code) => {
        watchdog.stop();
        const o = outcome as FromRunWorker | null;
        if (o?.type === 'done') return resolve(o.summary); // finished just before a stop
        if (this.#stopReason === null && o?.type === 'failed')
          return reject(workerError(o.name, o.message));
        const what = this.#run?.strategy
          ? `strategy ${this.#run.strategy}`
          : loadingFile
            ? `loading ${loadingFile}`
            : 'the run';
        const reason =
          this.#stopReason ??
          ((error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `${what} ran out of memory (the run's heap limit is ${memoryMb} MB)`
            : `the run's worker thread stopped unexpectedly: ${error?.message ?? `exit code ${code}`}`);
        let unrecorded = '';
        try {
          if (this.#run) abandonRun(opts.db, this.#run.runId, reason);
        } catch (err) {
          // Never let bookkeeping crash the controller; the run then reads interrupted later.
          unrecorded = ` (and the run could not be marked failed: ${(err as Error).message})`;
        }
        reject(new Error(reason + unrecorded));
      });
    });
  }

  /** The run's id once the worker has created or claimed it. */
  get runId(): string | null {
    return this.#run?.runId ?? null;
  }

  /** Checkpoint, mark the run paused and end the session (see RunControl). */
  requestPause(reason: PauseReason = 'shutdown'): void {
    this.#post({ type: 'pause', reason });
  }

  /** Ends the run with its statistics to date (status 'stopped'; see RunControl). */
  requestStop(): void {
    this.#post({ type: 'stop' });
  }

  requestCheckpoint(): void {
    this.#post({ type: 'checkpoint' });
  }

  /** Ends the session now: terminates the worker, fails the run with `reason`. */
  stop(reason: string): void {
    if (this.#stopReason !== null) return;
    this.#stopReason = reason;
    void this.#worker.terminate();
  }

  #post(m: ToRunWorker): void {
    try {
      this.#worker.postMessage(m);
    } catch {
      // The worker has ended; `finished` reports how.
    }
  }
}

/** Errors callers tell apart by class (a bad --param is a usage error) come back as that class. */
function workerError(name: string, message: string): Error {
  if (name === 'StrategyParamError') return new StrategyParamError(message);
  if (name === 'RunInputError') return new RunInputError(message);
  const e = new Error(message);
  e.name = name;
  return e;
}
