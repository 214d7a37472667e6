/**
 * What travels through Redis for one cluster run. Redis holds only small things — which run,
 * where its manifest is, progress numbers, and where the result went; every byte of data (tick
 * chunks, the manifest, checkpoints, results) goes through the object store.
 */

/** The BullMQ queue every submitter adds to and every worker pulls from. */
export const RUN_QUEUE = 'backtestr-runs';

/** A job's data; the job id is the run id, so submitting a run twice queues it once. */
export interface ClusterJobData {
  v: 1;
  runId: string;
  /** s3://BUCKET/PREFIX the manifest, chunks, checkpoints and result live under. */
  store: string;
}

/** Reported with job.updateProgress, at most a few times a second. */
export interface ClusterJobProgress {
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  ticksPerSec: number;
  simTime: number | null;
  /** Who is running it now (attemptId). */
  attempt: string;
  /** Set once per attempt: the store checkpoint it resumed from (null: from tick 0). */
  resumedFrom: ResumedFrom | null;
}

export interface ResumedFrom {
  attempt: string;
  seq: number;
  ticks: number;
}

/** A completed job's return value: where its output is and how it got there. */
export interface ClusterJobOutcome {
  attempt: string;
  /** os.hostname() and pid of the worker process that finished it. */
  worker: string;
  /** Object key of the result (run-result.ts), under the job's store. */
  resultKey: string;
  resumedFrom: ResumedFrom | null;
  /** Store objects that failed a check on the way and were moved to quarantine/. */
  quarantined: string[];
}
