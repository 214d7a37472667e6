/**
 * A run executed by the cluster but owned by this data folder: the same surface as RunHost
 * (services/runs/isolation/run-host.ts) so a CLI command, a sweep's job pool or the app's active
 * runs can hold either. The run's row is created (or claimed, on resume) here and kept alive by
 * this process's heartbeat; its ticks, strategy and manifest go to the store, the job to Redis
 * (job id = run id: submitting again never queues it twice); progress comes back through Redis
 * and, when the job completes, its output is written into this data folder, fenced by this
 * session's claim, so `runs export` equals a local run's byte for byte.
 *
 * FOUNDATION STUB — implemented by the cluster transport work (helper h3). Signatures are binding.
 */
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { Db } from '../../db/database.ts';
import type { RunJob, StartedRun } from '../../runs/isolation/run-host.ts';
import type { ResumeSummary } from '../../runs/resume-service.ts';
import type { RunProgress } from '../../runs/run-loop.ts';
import type { RunSummary } from '../../runs/run-service.ts';
import type { ResumedFrom } from '../cluster-job.ts';
import type { ClusterClient } from './cluster-client.ts';

/** Where and how the cluster ran it (the CLI prints it, the app shows it). */
export interface ClusterRunInfo {
  /** The attempt that completed it, and its worker (host and pid). */
  attempt: string;
  worker: string;
  resumedFrom: ResumedFrom | null;
  quarantined: string[];
}

export type ClusterRunSummary = (RunSummary | ResumeSummary) & { cluster?: ClusterRunInfo };

export interface ClusterRunHostOptions {
  db: Db;
  dataDir: string;
  client: ClusterClient;
  /** start: a new run (created here, then queued); resume: follow (or re-queue) an existing one. */
  job: RunJob;
  /** The workers' checkpoint policy for this run (they mirror every checkpoint to the store). */
  checkpoints: CheckpointPolicy | null;
  /** A sweep's job (RunOptions.sweepJob) — also on the worker. */
  sweepJob?: boolean;
  onStart?: (run: StartedRun) => void;
  onProgress?: (p: RunProgress) => void;
  /** A worker took the job (again): which attempt, and the checkpoint it resumed from. */
  onAttempt?: (attempt: string, resumedFrom: ResumedFrom | null) => void;
}

export class ClusterRunHost {
  readonly finished: Promise<ClusterRunSummary>;

  constructor(_opts: ClusterRunHostOptions) {
    this.finished = Promise.reject(new Error('not implemented'));
    this.finished.catch(() => {});
  }

  get runId(): string | null {
    return null;
  }

  /** Stops following: the run is marked paused here and `resume` follows it again later. */
  requestPause(): void {}

  requestCheckpoint(): void {}

  stop(_reason: string): void {}
}
