/**
 * The sweeps service API (issue 10), used by the CLI (`sweep`, `sweeps …`), the backend
 * (services/api/sweeps.ts) and the bench. Every job is a normal run (RunHost, the same code path
 * and checkpoints as `backtestr run`), so a sweep survives a crash the way a run does: the sweep
 * and its planned jobs are rows in SQLite, each job's run records which sweep job it is, and
 * resumeSweep finishes what an interrupted one left.
 *
 * FOUNDATION STUB: the signatures are fixed (other parts code against them); H1 implements.
 */
import type {
  SweepDetail,
  SweepInfo,
  SweepProgressEvent,
  SweepSpec,
} from '../../../shared/sweeps.ts';
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';

/** A spec that cannot run: unknown strategy or param, a value outside the schema, no data… */
export class SweepInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepInputError';
  }
}

export interface SweepPlanSummary {
  jobs: number;
  windows: number;
}

export interface SweepRunOptions {
  /** Jobs at a time; default os.availableParallelism(). */
  workers?: number;
  /** Each job's checkpoints (null: none; then an interrupted job restarts from tick 0). */
  checkpoints: CheckpointPolicy | null;
  callbackTimeoutMs?: number;
  /** ≤ ~4 per second, and after every job's end. */
  onProgress?: (e: SweepProgressEvent) => void;
  /** Called with the sweep id once it exists (before any job starts). */
  onStart?: (sweepId: string) => void;
  control?: SweepControl;
  /** The run worker module, for a bundled app (RunHostOptions.workerUrl). */
  workerUrl?: URL;
}

/** Pause from another call or a signal: running jobs checkpoint and pause; the sweep reads paused. */
export class SweepControl {
  pauseRequested = false;
  requestPause(): void {
    this.pauseRequested = true;
  }
}

/** Validates a spec against the strategy's param schema and the data; counts its jobs. */
export async function planSweep(
  _db: Db,
  _dataDir: string,
  _spec: SweepSpec,
): Promise<SweepPlanSummary> {
  throw new Error('not implemented');
}

/** Creates the sweep (rows for it and every planned job) and runs it to the end or a pause. */
export async function startSweep(
  _db: Db,
  _dataDir: string,
  _spec: SweepSpec,
  _opts: SweepRunOptions,
): Promise<SweepDetail> {
  throw new Error('not implemented');
}

/** Finishes a paused or interrupted sweep: completed jobs kept, interrupted ones resumed. */
export async function resumeSweep(
  _db: Db,
  _dataDir: string,
  _sweepId: string,
  _opts: SweepRunOptions,
): Promise<SweepDetail> {
  throw new Error('not implemented');
}

/** null when there is no such sweep. */
export function readSweep(_db: Db, _sweepId: string): SweepDetail | null {
  throw new Error('not implemented');
}

/** Oldest first; a sweep whose process died reads interrupted. */
export function listSweeps(_db: Db): SweepInfo[] {
  throw new Error('not implemented');
}
