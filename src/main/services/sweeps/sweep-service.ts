/**
 * The sweeps service API (issue 10), used by the CLI (`sweep`, `sweeps …`), the backend
 * (services/api/sweeps.ts) and the bench. Every job is a normal run (RunHost, the same code path
 * and checkpoints as `backtestr run`), so a sweep survives a crash the way a run does: the sweep
 * and its planned jobs are rows in SQLite, each job's run records which sweep job it is, and
 * resumeSweep finishes what an interrupted one left.
 */
import os from 'node:os';
import type {
  SweepDetail,
  SweepInfo,
  SweepProgressEvent,
  SweepSpec,
} from '../../../shared/sweeps.ts';
import { DEFAULT_POLICY, type CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import type { RunHandleFactory } from '../runs/isolation/run-handle.ts';
import { buildPlan } from './plan-inputs.ts';
import { SweepInputError } from './sweep-errors.ts';
import { claimSweep } from './sweep-ownership.ts';
import { readSweep as readSweepDetail, listSweeps as listSweepInfos } from './sweep-read.ts';
import { runSweepSession } from './sweep-runner.ts';
import { createSweep, sweepRow } from './sweep-store.ts';

export { SweepBusyError, SweepFencedError, SweepInputError } from './sweep-errors.ts';

export interface SweepPlanSummary {
  jobs: number;
  windows: number;
}

/**
 * A sweep job's default checkpoints: every minute of its computation, not every million ticks.
 * A job is mostly shorter than a minute: it then writes none (and starts no writer thread, see
 * RunOptions.sweepJob); a crash costs it less than a minute, while checkpointing each of a few
 * hundred short jobs would cost the sweep more than that. A long job still resumes from its own.
 */
export const SWEEP_JOB_POLICY: CheckpointPolicy = { ...DEFAULT_POLICY, everyTicks: 0 };

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
  /**
   * How each job runs: default a RunHost in this process (with callbackTimeoutMs, workerUrl);
   * the CLI's `--cluster` passes ClusterRunHosts sharing one ClusterClient.
   */
  runHandles?: RunHandleFactory;
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
  db: Db,
  dataDir: string,
  spec: SweepSpec,
): Promise<SweepPlanSummary> {
  const plan = await buildPlan(db, dataDir, spec);
  return { jobs: plan.jobs.length, windows: plan.windows.length };
}

/** Creates the sweep (rows for it and every planned job) and runs it to the end or a pause. */
export async function startSweep(
  db: Db,
  dataDir: string,
  spec: SweepSpec,
  opts: SweepRunOptions,
): Promise<SweepDetail> {
  const plan = await buildPlan(db, dataDir, spec);
  const workers = opts.workers ?? os.availableParallelism();
  const claim = createSweep(db, plan, { workers, checkpoints: opts.checkpoints });
  opts.onStart?.(claim.sweepId);
  return runSweepSession(db, dataDir, claim, { ...opts, workers });
}

/** Finishes a paused or interrupted sweep: completed jobs kept, interrupted ones resumed. */
export async function resumeSweep(
  db: Db,
  dataDir: string,
  sweepId: string,
  opts: SweepRunOptions,
): Promise<SweepDetail> {
  const row = sweepRow(db, sweepId);
  if (!row) throw new SweepInputError(`no sweep '${sweepId}' (backtestr sweeps list shows them)`);
  if (row.status === 'completed')
    throw new SweepInputError(`sweep ${sweepId} is completed; nothing to resume`);
  const claim = claimSweep(db, sweepId); // refused while another live process runs it
  opts.onStart?.(sweepId);
  return runSweepSession(db, dataDir, claim, { ...opts, workers: opts.workers ?? row.workers });
}

/** null when there is no such sweep. */
export function readSweep(db: Db, sweepId: string): SweepDetail | null {
  return readSweepDetail(db, sweepId);
}

/** Oldest first; a sweep whose process died reads interrupted. */
export function listSweeps(db: Db): SweepInfo[] {
  return listSweepInfos(db);
}
