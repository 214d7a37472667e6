/**
 * The sweeps this backend is running, beside ActiveRuns. The backend thread only coordinates: the
 * sweep service runs each job through a RunHost (its own worker thread, the same code path as
 * `backtestr run`), so strategy code never blocks a call — or, for a sweep sent to the cluster,
 * through ClusterRunHosts on the backend's shared cluster connection. Progress goes out as `sweep:progress`
 * (the service's ≤ ~4/s and per-job-end events, then one final event with the end status); the
 * jobs' runs are rows like any run's, so runs:list shows them as they go.
 */
import type { EventMap } from '../../../shared/contract.ts';
import type { SweepDetail, SweepProgressEvent, SweepSpec } from '../../../shared/sweeps.ts';
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import type { ClusterClient } from '../cluster/submit/cluster-client.ts';
import { clusterRunHandles } from '../cluster/submit/cluster-run-handles.ts';
import { localRunHandles } from '../runs/isolation/run-handle.ts';
import { readSweep, resumeSweep, startSweep, SweepControl } from '../sweeps/sweep-service.ts';
import type { Emitter } from './events.ts';

interface ActiveSweep {
  sweepId: string;
  symbols: string[];
  control: SweepControl;
  onCluster: boolean;
  /** Settles (never rejects) once the sweep has ended and its final event was sent. */
  ended: Promise<void>;
}

export type SweepLaunch =
  { kind: 'start'; spec: SweepSpec } | { kind: 'resume'; sweepId: string; symbols: string[] };

export interface SweepLaunchOptions {
  workers?: number;
  checkpoints: CheckpointPolicy | null;
  /** The jobs go to this cluster instead of this machine's worker threads. */
  cluster?: ClusterClient;
}

export class ActiveSweeps {
  readonly #db: Db;
  readonly #dataDir: string;
  readonly #events: Emitter<EventMap>;
  readonly #active = new Map<string, ActiveSweep>();

  constructor(db: Db, dataDir: string, events: Emitter<EventMap>) {
    this.#db = db;
    this.#dataDir = dataDir;
    this.#events = events;
  }

  has(sweepId: string): boolean {
    return this.#active.has(sweepId);
  }

  /** How many active sweeps send their jobs to the cluster. */
  clusterSweeps(): number {
    return [...this.#active.values()].filter((s) => s.onCluster).length;
  }

  /** The active sweep reading `symbol`, if any (data:import/generate must not change it). */
  usingSymbol(symbol: string): string | null {
    for (const s of this.#active.values()) if (s.symbols.includes(symbol)) return s.sweepId;
    return null;
  }

  /**
   * Runs a sweep in the background. Resolves with its id as soon as the sweep exists (before any
   * job starts); rejects when it fails before that (a spec that cannot run, a sweep owned by
   * another process). A later failure ends as a final sweep:progress with status 'failed'.
   */
  launch(what: SweepLaunch, opts: SweepLaunchOptions): Promise<string> {
    const symbols = what.kind === 'start' ? what.spec.base.symbols : what.symbols;
    const control = new SweepControl();
    let endedNow!: () => void;
    const ended = new Promise<void>((r) => (endedNow = r));
    let sweep: ActiveSweep | null = null;
    let last: SweepProgressEvent | null = null;
    return new Promise<string>((resolve, reject) => {
      const runOpts = {
        workers: opts.workers,
        checkpoints: opts.checkpoints,
        control,
        // A job started here before (and never sent) resumes here: its checkpoints are local.
        runHandles: opts.cluster && clusterRunHandles(opts.cluster, localRunHandles({})),
        onStart: (sweepId: string) => {
          sweep = { sweepId, symbols: [...symbols], control, onCluster: !!opts.cluster, ended };
          this.#active.set(sweepId, sweep);
          resolve(sweepId);
        },
        onProgress: (e: SweepProgressEvent) => {
          last = e;
          // The service says how the sweep ended before its session has let go of it; the end
          // goes out once the sweep is no longer active here (#end), so a listener may act on it.
          if (e.status === 'running') this.#events.emit('sweep:progress', e);
        },
      };
      const running =
        what.kind === 'start'
          ? startSweep(this.#db, this.#dataDir, what.spec, runOpts)
          : resumeSweep(this.#db, this.#dataDir, what.sweepId, runOpts);
      running
        .then(
          (detail) => this.#end(sweep, finalEvent(detail, last)),
          (err: unknown) => {
            if (!sweep) return reject(err);
            // The stored sweep says how it ended (the service may have marked it); else failed.
            const stored = this.#readQuietly(sweep.sweepId);
            this.#end(sweep, finalEvent(stored, last, sweep.sweepId));
          },
        )
        .finally(endedNow);
    });
  }

  /** Running jobs checkpoint and pause; resolves once the sweep reads paused. */
  async pause(sweepId: string): Promise<void> {
    const sweep = this.#active.get(sweepId);
    if (!sweep) throw new Error(`sweep ${sweepId} is not running in this app`);
    sweep.control.requestPause();
    await sweep.ended;
  }

  /** Pauses every active sweep (their running jobs checkpoint first) and waits for all. */
  async pauseAll(): Promise<void> {
    const sweeps = [...this.#active.values()];
    for (const s of sweeps) s.control.requestPause();
    await Promise.all(sweeps.map((s) => s.ended));
  }

  #end(sweep: ActiveSweep | null, event: SweepProgressEvent): void {
    if (!sweep) return;
    this.#active.delete(sweep.sweepId); // before the event: a listener may resume it at once
    this.#events.emit('sweep:progress', event);
  }

  #readQuietly(sweepId: string): SweepDetail | null {
    try {
      return readSweep(this.#db, sweepId);
    } catch {
      return null;
    }
  }
}

/** The last event of a sweep: its end status and counts, nothing running, no ETA. */
function finalEvent(
  detail: SweepDetail | null,
  last: SweepProgressEvent | null,
  sweepId = detail?.id ?? '',
): SweepProgressEvent {
  const status = detail?.status === 'running' || !detail ? 'failed' : detail.status;
  return {
    sweepId,
    status,
    jobsTotal: detail?.jobsTotal ?? last?.jobsTotal ?? 0,
    jobsDone: detail?.jobsDone ?? last?.jobsDone ?? 0,
    jobsFailed: detail?.jobsFailed ?? last?.jobsFailed ?? 0,
    jobsRunning: 0,
    jobsPerSec: last?.jobsPerSec ?? 0,
    etaSeconds: null,
  };
}
