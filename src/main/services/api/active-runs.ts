/**
 * The runs this backend is executing: each runs in the background on this thread (the run loop
 * yields between engine steps, so invokes are served meanwhile) with a RunControl the app's
 * buttons and the host's pause-on-suspend drive. A session is reported as events: `run:state`
 * running when it starts, then completed / paused / failed when it ends, with progress and
 * checkpoints in between (RunWatch).
 */
import type { EventMap } from '../../../shared/contract.ts';
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import { RunControl, type RunOptions, type RunSummary } from '../runs/run-service.ts';
import { getRun } from '../runs/run-store.ts';
import type { Emitter } from './events.ts';
import { RunWatch } from './run-watch.ts';

interface ActiveRun {
  runId: string;
  symbols: string[];
  control: RunControl;
  checkpoints: boolean;
  /** Settles (never rejects) once the session has ended and its run:state was sent. */
  ended: Promise<void>;
}

/** A session of the run service: startRun or resumeRun with the options filled in. */
export type Session = (opts: RunOptions) => Promise<RunSummary>;

export class ActiveRuns {
  readonly #db: Db;
  readonly #events: Emitter<EventMap>;
  readonly #active = new Map<string, ActiveRun>();

  constructor(db: Db, events: Emitter<EventMap>) {
    this.#db = db;
    this.#events = events;
  }

  has(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** The active run using `symbol`, if any. */
  usingSymbol(symbol: string): string | null {
    for (const r of this.#active.values()) if (r.symbols.includes(symbol)) return r.runId;
    return null;
  }

  /**
   * Starts a session in the background. Resolves with the run id as soon as the run exists
   * (before its first tick); rejects if the session fails before that (bad input, a run busy in
   * another process, no usable checkpoint). Later failures end as run:state 'failed'.
   */
  launch(session: Session, checkpoints: CheckpointPolicy | null): Promise<string> {
    const control = new RunControl();
    let endedNow!: () => void;
    const ended = new Promise<void>((r) => (endedNow = r));
    let run: ActiveRun | null = null;
    let watch: RunWatch | null = null;
    return new Promise<string>((resolve, reject) => {
      const onStart = (runId: string): void => {
        const symbols = getRun(this.#db, runId)?.config.symbols ?? [];
        run = { runId, symbols, control, checkpoints: checkpoints !== null, ended };
        this.#active.set(runId, run);
        watch = new RunWatch(this.#db, this.#events, runId);
        this.#events.emit('run:state', { runId, status: 'running' });
        resolve(runId);
      };
      const end = (status: 'completed' | 'paused' | 'failed', error: string | null): void => {
        if (!run) return;
        watch?.flush();
        this.#active.delete(run.runId); // before run:state: a listener may act on the run at once
        this.#events.emit('run:state', { runId: run.runId, status, error });
      };
      session({
        checkpoints,
        control,
        onStart,
        onProgress: (p, bt) => watch?.progress(p, bt),
        onCheckpoint: (result, trigger) => watch?.checkpointWritten(result, trigger),
      })
        .then(
          (summary) => end(summary.status, null),
          (err: unknown) => {
            if (!run) reject(err);
            else end('failed', err instanceof Error ? err.message : String(err));
          },
        )
        .finally(endedNow);
    });
  }

  /** Checkpoint, mark the run paused, and wait until it is. */
  async pause(runId: string): Promise<void> {
    const run = this.#require(runId);
    run.control.requestPause();
    await run.ended;
  }

  checkpointNow(runId: string): void {
    const run = this.#require(runId);
    if (!run.checkpoints) throw new Error(`run ${runId} was started without checkpoints`);
    run.control.requestCheckpoint();
  }

  /** Pauses every active run (each writes a checkpoint first) and waits for all of them. */
  async pauseAll(): Promise<void> {
    const runs = [...this.#active.values()];
    for (const r of runs) r.control.requestPause();
    await Promise.all(runs.map((r) => r.ended));
  }

  #require(runId: string): ActiveRun {
    const run = this.#active.get(runId);
    if (!run) throw new Error(`run ${runId} is not running in this app`);
    return run;
  }
}
