/**
 * The runs this backend is executing: each session runs in a worker thread of its own
 * (runs/isolation/run-host.ts), so strategy code never runs on the backend's thread and every
 * call (runs:list, runs:pause, app:info) is answered whatever a strategy does; a callback over
 * its budget or a worker out of memory fails that run alone. The app's buttons and the host's
 * pause-on-suspend reach a run through its RunHost. A run sent to the cluster is held the same
 * way through a ClusterRunHost (run-handle.ts) on the backend's shared cluster connection. A
 * session is reported as events: `run:state` running when it starts, then completed / paused /
 * failed when it ends, with progress and checkpoints in between (RunWatch).
 */
import type { EventMap } from '../../../shared/contract.ts';
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import type { RunJob } from '../runs/isolation/run-host.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import type { Emitter } from './events.ts';
import {
  clusterHandle,
  localHandle,
  type AppRunHostOptions,
  type AppRunHost,
} from './app-run-hosts.ts';
import { RunWatch } from './run-watch.ts';

interface ActiveRun {
  runId: string;
  symbols: string[];
  host: AppRunHost;
  checkpoints: boolean;
  /** Followed on the cluster: its checkpoints are the worker's, in the store. */
  onCluster: boolean;
  /** Settles (never rejects) once the session has ended and its run:state was sent. */
  ended: Promise<void>;
}

export interface LaunchOptions {
  checkpoints: CheckpointPolicy | null;
  /** Per-callback budget of the run's strategy; default: limits.ts. */
  callbackTimeoutMs?: number;
  /** Send it to the cluster of the settings instead of running it here. */
  cluster?: boolean;
}

export class ActiveRuns {
  readonly #db: Db;
  readonly #dataDir: string;
  readonly #events: Emitter<EventMap>;
  readonly #cluster: ClusterConnection;
  readonly #active = new Map<string, ActiveRun>();

  constructor(db: Db, dataDir: string, events: Emitter<EventMap>, cluster: ClusterConnection) {
    this.#db = db;
    this.#dataDir = dataDir;
    this.#events = events;
    this.#cluster = cluster;
  }

  has(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** How many active runs follow a job on the cluster. */
  clusterRuns(): number {
    return [...this.#active.values()].filter((r) => r.onCluster).length;
  }

  /** The active run using `symbol`, if any. */
  usingSymbol(symbol: string): string | null {
    for (const r of this.#active.values()) if (r.symbols.includes(symbol)) return r.runId;
    return null;
  }

  /**
   * Starts a session in the background. Resolves with the run id as soon as the run exists
   * (before its first tick); rejects if the session fails before that (bad input, a run busy in
   * another process, no usable checkpoint; on the cluster: none configured or unreachable).
   * Later failures end as run:state 'failed'.
   */
  async launch(job: RunJob, opts: LaunchOptions): Promise<string> {
    // Connected before the session exists, so a cluster that cannot be reached refuses the call.
    const client = opts.cluster ? await this.#cluster.client() : null;
    let endedNow!: () => void;
    const ended = new Promise<void>((r) => (endedNow = r));
    let run: ActiveRun | null = null;
    let watch: RunWatch | null = null;
    return new Promise<string>((resolve, reject) => {
      const handleOptions: AppRunHostOptions = {
        db: this.#db,
        dataDir: this.#dataDir,
        job,
        checkpoints: opts.checkpoints,
        callbackTimeoutMs: opts.callbackTimeoutMs,
        onStart: ({ runId, symbols }) => {
          const checkpoints = opts.checkpoints !== null;
          run = { runId, symbols, host, checkpoints, onCluster: client !== null, ended };
          this.#active.set(runId, run);
          watch = new RunWatch(this.#db, this.#events, runId);
          this.#events.emit('run:state', { runId, status: 'running' });
          resolve(runId);
        },
        onProgress: (event) => watch?.progress(event),
        onCheckpoint: (result, trigger) => watch?.checkpointWritten(result, trigger),
      };
      const host = client ? clusterHandle(handleOptions, client) : localHandle(handleOptions);
      const end = (
        status: 'completed' | 'paused' | 'stopped' | 'failed',
        error: string | null,
      ): void => {
        if (!run) return;
        watch?.flush();
        this.#active.delete(run.runId); // before run:state: a listener may act on the run at once
        this.#events.emit('run:state', { runId: run.runId, status, error });
      };
      host.finished
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
    run.host.requestPause('pause');
    await run.ended;
  }

  /** Ends the run with its statistics to date (status 'stopped'), and waits until it has. */
  async stop(runId: string): Promise<void> {
    const run = this.#require(runId);
    if (!run.host.requestStop)
      throw new Error(`run ${runId} runs on the cluster: pause it instead (it can be resumed)`);
    run.host.requestStop();
    await run.ended;
  }

  checkpointNow(runId: string): void {
    const run = this.#require(runId);
    if (!run.checkpoints) throw new Error(`run ${runId} was started without checkpoints`);
    if (run.onCluster)
      throw new Error(`run ${runId} runs on the cluster: its worker checkpoints it by its policy`);
    run.host.requestCheckpoint();
  }

  /** Pauses every active run (each writes a checkpoint first) and waits for all of them. */
  async pauseAll(): Promise<void> {
    const runs = [...this.#active.values()];
    for (const r of runs) r.host.requestPause();
    await Promise.all(runs.map((r) => r.ended));
  }

  #require(runId: string): ActiveRun {
    const run = this.#active.get(runId);
    if (!run) throw new Error(`run ${runId} is not running in this app`);
    return run;
  }
}
