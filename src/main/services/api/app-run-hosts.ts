/**
 * What ActiveRuns holds for a running session, wherever it runs: a RunHost (a worker thread of
 * this process) or a ClusterRunHost (a job on the cluster, followed through Redis). Both report
 * the same events and take the same requests, so the app's screens, pause buttons and
 * pause-on-suspend treat them alike; pausing a cluster run means "stop following it" (its worker
 * goes on, and runs:resume follows it again).
 */
import type { RunProgressEvent } from '../../../shared/dto.ts';
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { CheckpointResult } from '../checkpoints/checkpoint-writer.ts';
import type { ClusterClient } from '../cluster/submit/cluster-client.ts';
import { ClusterRunHost } from '../cluster/submit/cluster-run-host.ts';
import type { Db } from '../db/database.ts';
import { RunHost, type RunJob, type StartedRun } from '../runs/isolation/run-host.ts';
import type { PauseReason } from '../runs/run-loop.ts';
import { progressEvent } from './live-progress.ts';

export interface AppRunHost {
  /** Settles with how the session ended; rejects with the reason it failed or could not start. */
  readonly finished: Promise<{ status: 'completed' | 'paused' | 'stopped' }>;
  /** 'pause': the user's Pause (its checkpoint says so); default 'shutdown'. */
  requestPause(reason?: PauseReason): void;
  requestCheckpoint(): void;
  /** Ends the run with statistics to date; absent where a host cannot (a cluster run). */
  requestStop?(): void;
}

export interface AppRunHostOptions {
  db: Db;
  dataDir: string;
  job: RunJob;
  checkpoints: CheckpointPolicy | null;
  callbackTimeoutMs?: number;
  onStart: (run: StartedRun) => void;
  onProgress: (event: RunProgressEvent) => void;
  onCheckpoint: (result: CheckpointResult, trigger: string) => void;
}

/** A session in a worker thread here, with live frames in its progress. */
export function localHandle(o: AppRunHostOptions): AppRunHost {
  return new RunHost({
    db: o.db,
    dataDir: o.dataDir,
    job: o.job,
    checkpoints: o.checkpoints,
    callbackTimeoutMs: o.callbackTimeoutMs,
    liveProgress: true,
    onStart: o.onStart,
    onProgress: (_, event) => event && o.onProgress(event),
    onCheckpoint: o.onCheckpoint,
  });
}

/**
 * A session on the cluster. Its checkpoints are written by the worker into the store, not here,
 * and its progress crosses Redis as numbers only: the live frames, balance and equity stay on the
 * worker (the Run screen shows them as not available).
 */
export function clusterHandle(o: AppRunHostOptions, client: ClusterClient): AppRunHost {
  return new ClusterRunHost({
    db: o.db,
    dataDir: o.dataDir,
    client,
    job: o.job,
    checkpoints: o.checkpoints,
    onStart: o.onStart,
    onProgress: (p) => o.onProgress(progressEvent(p, null)),
  });
}
