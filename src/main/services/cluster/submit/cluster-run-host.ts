/**
 * A run executed by the cluster but owned by this data folder: the same surface as RunHost
 * (services/runs/isolation/run-host.ts) so a CLI command, a sweep's job pool or the app's active
 * runs can hold either. The run's row is created (or claimed, on resume) here and kept alive by
 * this process's heartbeat; its ticks, strategy and manifest go to the store, the job to Redis
 * (job id = run id: submitting again never queues it twice); progress comes back through Redis
 * and, when the job completes, its output is written into this data folder, fenced by this
 * session's claim, so `runs export` equals a local run's byte for byte.
 */
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { Db } from '../../db/database.ts';
import { HeartbeatThread } from '../../runs/heartbeat-thread.ts';
import type { RunJob, StartedRun } from '../../runs/isolation/run-host.ts';
import type { ResumeSummary } from '../../runs/resume-service.ts';
import { recordedKinds, type RunConfig } from '../../runs/run-config.ts';
import type { RunClaim } from '../../runs/run-fence.ts';
import type { RunProgress } from '../../runs/run-loop.ts';
import { claimRun, releaseRun } from '../../runs/run-ownership.ts';
import type { RunSummary } from '../../runs/run-service.ts';
import { finishRun, setRunStatus, updateRunProgress } from '../../runs/run-store.ts';
import type { ClusterJobProgress, ResumedFrom } from '../cluster-job.ts';
import { adoptOutcome } from './adopt-outcome.ts';
import type { ClusterClient } from './cluster-client.ts';
import { followJob } from './follow-job.ts';
import { claimForResume, queueOrKeep } from './requeue.ts';
import { createClusterRun, shipRun, type CreatedRun } from './submit-run.ts';

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

/** Progress is mirrored into the run row at most this often (a fenced write each). */
const PROGRESS_WRITE_MS = 1000;

export class ClusterRunHost {
  readonly finished: Promise<ClusterRunSummary>;
  #runId: string | null = null;
  #stopReason: string | null = null;
  #stop: () => void = () => {};
  readonly #stopped: Promise<void>;

  constructor(opts: ClusterRunHostOptions) {
    this.#stopped = new Promise((resolve) => (this.#stop = resolve));
    this.finished = this.#session(opts);
    this.finished.catch(() => {}); // the caller awaits it; no unhandled rejection meanwhile
  }

  get runId(): string | null {
    return this.#runId;
  }

  /** Stops following: the run is marked paused here and `resume` follows it again later. */
  requestPause(): void {
    this.#stop();
  }

  /** Workers checkpoint by the run's policy; a checkpoint on request is not relayed to them. */
  requestCheckpoint(): void {}

  /** Stops following and fails the run here with `reason` (the job is left to the cluster). */
  stop(reason: string): void {
    this.#stopReason ??= reason;
    this.#stop();
  }

  async #session(opts: ClusterRunHostOptions): Promise<ClusterRunSummary> {
    const { db, client } = opts;
    let config: RunConfig;
    let ticksTotal: number;
    let claim: RunClaim;
    let run: StartedRun;
    let created: CreatedRun | null = null;
    if (opts.job.kind === 'start') {
      created = await createClusterRun(db, opts.dataDir, opts.job.request);
      ({ run, ticksTotal } = created);
      config = created.prepared.config;
      claim = claimRun(db, run.runId);
    } else {
      ({ run, config, ticksTotal, claim } = await claimForResume(db, client, opts.job.request));
    }
    this.#runId = run.runId;
    // Beating from the claim on: shipping a large data set must not make the run look dead.
    const beat = await HeartbeatThread.start(db, claim).catch((err: unknown) => {
      releaseRun(db, claim);
      throw err;
    });
    try {
      setRunStatus(db, claim, 'running');
      try {
        const ship = { checkpoints: opts.checkpoints, sweepJob: opts.sweepJob ?? false };
        if (created) await shipRun(db, opts.dataDir, client, created, ship);
        await queueOrKeep(db, opts.dataDir, client, { runId: run.runId, config, ticksTotal }, ship);
      } catch (err) {
        const why = `could not submit run ${run.runId} to the cluster: ${(err as Error).message}`;
        finishRun(db, claim, 'failed', why);
        throw new Error(why);
      }
      opts.onStart?.(run);
      return await this.#follow(opts, claim, config, ticksTotal);
    } finally {
      await beat.stop();
      releaseRun(db, claim);
    }
  }

  async #follow(
    opts: ClusterRunHostOptions,
    claim: RunClaim,
    config: RunConfig,
    ticksTotal: number,
  ): Promise<ClusterRunSummary> {
    const { db, client } = opts;
    let last: ClusterJobProgress | null = null;
    let lastWrite = 0;
    let attempt: string | null = null;
    let lost: unknown = null;
    const onProgress = (p: ClusterJobProgress) => {
      if (p.attempt !== attempt) {
        attempt = p.attempt;
        opts.onAttempt?.(p.attempt, p.resumedFrom);
      }
      last = p;
      const now = Date.now();
      if (now - lastWrite >= PROGRESS_WRITE_MS) {
        lastWrite = now;
        try {
          updateRunProgress(db, claim, p.ticksDone, p.seconds);
        } catch (err) {
          lost = err; // another session owns the run now: stop following
          this.#stop();
        }
      }
      opts.onProgress?.({ runId: claim.runId, ...p, ticksTotal, simTime: p.simTime ?? 0 });
    };
    const end = await followJob(client, claim.runId, { onProgress, stopped: this.#stopped });
    if (lost) throw lost;
    if (end.kind === 'completed') return adoptOutcome(db, client.store, claim, config, end.outcome);
    if (end.kind === 'failed') {
      finishRun(db, claim, 'failed', end.reason);
      throw new Error(end.reason);
    }
    if (this.#stopReason !== null) {
      finishRun(db, claim, 'failed', this.#stopReason);
      throw new Error(this.#stopReason);
    }
    const p = last as ClusterJobProgress | null;
    if (p) updateRunProgress(db, claim, p.ticksDone, p.seconds);
    setRunStatus(db, claim, 'paused');
    return {
      runId: claim.runId,
      status: 'paused',
      ticks: p?.ticksDone ?? 0,
      bars: {},
      record: recordedKinds(config),
      seconds: p?.seconds ?? 0,
      ticksPerSec: p?.ticksPerSec ?? 0,
    };
  }
}
