/**
 * One attempt at a job: the run executed by a RunHost (its own worker thread, watchdog and
 * memory limit, exactly as a local run) in the job's workspace — started afresh, or resumed from
 * the store checkpoint the caller fetched — with every checkpoint mirrored to the store under
 * this attempt's keys and the progress relayed to the job.
 */
import type { Job } from 'bullmq';
import { configHash } from '../../checkpoints/checkpoint-capture.ts';
import { loadHasher } from '../../hash.ts';
import { RunHost, type RunJob } from '../../runs/isolation/run-host.ts';
import { getRun } from '../../runs/run-store.ts';
import type { ResumedFrom } from '../cluster-job.ts';
import type { ClusterManifest } from '../data/job-manifest.ts';
import type { Workspace } from '../data/workspace.ts';
import { CheckpointMirror, type MirrorStats } from '../mirror/checkpoint-mirror.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { ProgressRelay } from './progress-relay.ts';
import { runRequestOf } from '../data/manifest-request.ts';

/** How long the end of an attempt waits for its last checkpoints to reach the store. */
const MIRROR_DRAIN_MS = 10_000;

export interface AttemptInput {
  job: Job;
  attempt: string;
  manifest: ClusterManifest;
  ws: Workspace;
  store: ObjectStore;
  /** The store checkpoint to resume from (a local file), or null to start at tick 0. */
  from: { file: string; resumedFrom: ResumedFrom } | null;
}

/** What the job's owner may ask of a running attempt (pause on shutdown, stop on a lost lock). */
export interface AttemptControl {
  pause(): void;
  stop(reason: string): void;
}

export type AttemptEnd =
  | { kind: 'completed'; barsClosed: Record<string, number> }
  | { kind: 'paused' }
  /** The run itself failed (a strategy error): deterministic, reported as the job's result. */
  | { kind: 'failed'; error: string };

export async function runAttempt(
  input: AttemptInput,
  control: (c: AttemptControl) => void,
): Promise<{ end: AttemptEnd; mirror: MirrorStats }> {
  const { manifest, ws, attempt } = input;
  const runId = manifest.runId;
  const relay = new ProgressRelay(input.job, attempt, input.from?.resumedFrom ?? null);
  relay.report({ ...zeroProgress(manifest), ticksDone: input.from?.resumedFrom.ticks ?? 0 }, true);
  const mirror = new CheckpointMirror({
    db: ws.db,
    dataDir: ws.dataDir,
    store: input.store,
    runId,
    attempt,
  });
  const job: RunJob = input.from
    ? { kind: 'resume', request: { runId, checkpoint: input.from.file } }
    : { kind: 'start', request: runRequestOf(manifest) };
  let stopReason: string | null = null;
  const stop = (reason: string) => {
    stopReason ??= reason;
    host.stop(reason);
  };
  await loadHasher();
  const host = new RunHost({
    db: ws.db,
    dataDir: ws.dataDir,
    job,
    checkpoints: manifest.checkpoints,
    sweepJob: manifest.sweepJob,
    onStart: () => {
      // The one check that the worker's run is the submitter's: the config as this version of
      // BackTestr resolved it must hash as the submitter's did.
      const here = configHash(getRun(ws.db, runId)!.config);
      if (here !== manifest.configHash)
        stop(
          `worker and submitter versions differ: the run's config hashes to ${here} here, ${manifest.configHash} in the manifest`,
        );
    },
    onProgress: (p) => relay.report(p, p.ticksDone === p.ticksTotal),
    onCheckpoint: (r) => mirror.onCheckpoint(r),
  });
  control({
    pause: () => host.requestPause(),
    stop,
  });
  let end: AttemptEnd;
  try {
    const summary = await host.finished;
    end =
      summary.status === 'paused'
        ? { kind: 'paused' }
        : { kind: 'completed', barsClosed: summary.bars };
  } catch (err) {
    const row = getRun(ws.db, runId);
    // Stopped by us (lost lock) or the run never got going: not the run's own deterministic end.
    if (stopReason !== null || row?.status !== 'failed' || !row.error) {
      mirror.close();
      throw err;
    }
    end = { kind: 'failed', error: row.error };
  }
  await relay.flush();
  const stats = await mirror.drain(MIRROR_DRAIN_MS);
  mirror.close();
  return { end, mirror: stats };
}

function zeroProgress(m: ClusterManifest) {
  return { ticksDone: 0, ticksTotal: m.ticksTotal, seconds: 0, ticksPerSec: 0, simTime: 0 };
}
