/**
 * The running jobs of a sweep session: one RunHandle each, made by the session's factory — a
 * RunHost (a normal run in its own worker thread, the same code path and checkpoints as
 * `backtestr run`) or a ClusterRunHost (the same run as a job on a cluster). A job whose run
 * exists but did not finish resumes from its own newest valid checkpoint; a pending one starts.
 * Once pausing, every running job and any started later is asked to checkpoint and pause.
 */
import type { SweepJobInfo } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import type { RunJob } from '../runs/isolation/run-host.ts';
import {
  localRunHandles,
  type RunHandle,
  type RunHandleFactory,
} from '../runs/isolation/run-handle.ts';
import { jobRequest } from './job-request.ts';
import type { SweepRunOptions } from './sweep-service.ts';
import type { SweepRow } from './sweep-store.ts';

/** How often a wait looks at a pause request while jobs run. */
const POLL_MS = 100;

export interface JobPoolOptions {
  db: Db;
  dataDir: string;
  row: SweepRow;
  run: SweepRunOptions;
  /** A running job reported tick progress. */
  onTick: () => void;
  /** A job's session ended: `err` is null when it completed or paused. */
  onEnded: (job: SweepJobInfo, err: Error | null) => void;
}

function runJobOf(row: SweepRow, job: SweepJobInfo): RunJob {
  if (job.runId !== null) return { kind: 'resume', request: { runId: job.runId } };
  return { kind: 'start', request: jobRequest(row.id, row.spec, row.windows, job) };
}

export class JobPool {
  readonly #opts: JobPoolOptions;
  readonly #handles: RunHandleFactory;
  readonly #running = new Map<number, { host: RunHandle; ended: Promise<void> }>();
  #pausing = false;

  constructor(opts: JobPoolOptions) {
    this.#opts = opts;
    // Chosen once for the session: every job of it runs the same way (here, or on the cluster).
    this.#handles = opts.run.runHandles ?? localRunHandles(opts.run);
  }

  get size(): number {
    return this.#running.size;
  }

  get pausing(): boolean {
    return this.#pausing;
  }

  has(index: number): boolean {
    return this.#running.has(index);
  }

  start(job: SweepJobInfo): void {
    const { db, dataDir, row, run } = this.#opts;
    const host = this.#handles({
      db,
      dataDir,
      job: runJobOf(row, job),
      checkpoints: run.checkpoints,
      sweepJob: true,
      onProgress: this.#opts.onTick,
    });
    if (this.#pausing) host.requestPause();
    const ended = host.finished
      .then(
        () => this.#opts.onEnded(job, null),
        (err: Error) => this.#opts.onEnded(job, err),
      )
      .finally(() => this.#running.delete(job.index));
    this.#running.set(job.index, { host, ended });
  }

  pauseAll(): void {
    if (this.#pausing) return;
    this.#pausing = true;
    for (const r of this.#running.values()) r.host.requestPause();
  }

  /** Resolves when a running job ends (rejects if its onEnded threw), calling `poll` meanwhile. */
  async waitForOne(poll: () => void): Promise<void> {
    let done = false;
    const any = Promise.race([...this.#running.values()].map((r) => r.ended)).then(
      () => (done = true),
    );
    while (!done) {
      poll();
      await Promise.race([any, new Promise((r) => setTimeout(r, POLL_MS))]);
    }
  }

  /** Waits for every running job to end, whatever its outcome. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#running.values()].map((r) => r.ended));
  }
}
