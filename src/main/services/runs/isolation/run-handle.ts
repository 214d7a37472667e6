/**
 * The common surface of a run being executed for this data folder, wherever it executes: a
 * RunHost (a worker thread here) or a ClusterRunHost (a job on a cluster, followed through
 * Redis). A sweep's job pool holds handles, made by one factory per sweep session, so the pool,
 * its pause and its bookkeeping are the same code whether the jobs run here or on many machines.
 */
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { Db } from '../../db/database.ts';
import type { ResumeSummary } from '../resume-service.ts';
import type { PauseReason, RunProgress } from '../run-loop.ts';
import type { RunSummary } from '../run-service.ts';
import { RunHost, type RunJob } from './run-host.ts';

export interface RunHandle {
  /** The session's summary; rejects with the reason the run failed or could not start. */
  readonly finished: Promise<RunSummary | ResumeSummary>;
  /** Null until the run exists. */
  readonly runId: string | null;
  /** Checkpoint (where that is possible) and pause; `finished` then resolves paused. */
  requestPause(reason?: PauseReason): void;
}

/** What every kind of handle needs to know about one run session. */
export interface RunHandleRequest {
  db: Db;
  dataDir: string;
  job: RunJob;
  checkpoints: CheckpointPolicy | null;
  sweepJob?: boolean;
  onProgress?: (p: RunProgress) => void;
}

export type RunHandleFactory = (req: RunHandleRequest) => RunHandle;

/** Runs in a worker thread of this process (RunHost), with its process-local settings. */
export function localRunHandles(local: {
  callbackTimeoutMs?: number | null;
  workerUrl?: URL;
}): RunHandleFactory {
  return (req) =>
    new RunHost({
      ...req,
      callbackTimeoutMs: local.callbackTimeoutMs,
      workerUrl: local.workerUrl,
      onProgress: req.onProgress ? (p) => req.onProgress!(p) : undefined,
    });
}
