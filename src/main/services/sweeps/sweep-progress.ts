/**
 * The sweep's progress events: jobs done, failed and running, this session's jobs per second and
 * the time left at that rate. At most ~4 a second (runs report ticks up to 10 times a second
 * each), plus one at every job's end so a listener never misses a finished job.
 */
import type { SweepJobInfo, SweepProgressEvent, SweepStatus } from '../../../shared/sweeps.ts';
import { jobFinished } from './sweep-jobs.ts';

const MIN_INTERVAL_MS = 250;

export class SweepProgress {
  readonly #sweepId: string;
  readonly #emit: ((e: SweepProgressEvent) => void) | undefined;
  readonly #started = Date.now();
  #lastEmit = 0;
  #doneAtStart: number | null = null;
  #counts = { total: 0, done: 0, failed: 0, running: 0 };

  constructor(sweepId: string, emit: ((e: SweepProgressEvent) => void) | undefined) {
    this.#sweepId = sweepId;
    this.#emit = emit;
  }

  /** New counts from the jobs as stored, and the jobs this session has in flight. */
  update(jobs: readonly SweepJobInfo[], running: number): void {
    const done = jobs.filter(jobFinished).length;
    this.#doneAtStart ??= done;
    this.#counts = {
      total: jobs.length,
      done,
      failed: jobs.filter((j) => j.status === 'failed').length,
      running,
    };
  }

  /** A throttled event (from a job's tick progress). */
  tick(status: SweepStatus = 'running'): void {
    if (Date.now() - this.#lastEmit >= MIN_INTERVAL_MS) this.force(status);
  }

  /** An event now (a job ended, the sweep ended). */
  force(status: SweepStatus = 'running'): void {
    if (!this.#emit) return;
    this.#lastEmit = Date.now();
    const c = this.#counts;
    const secs = (this.#lastEmit - this.#started) / 1000;
    const doneHere = c.done - (this.#doneAtStart ?? c.done);
    const jobsPerSec = secs > 0 ? doneHere / secs : 0;
    this.#emit({
      sweepId: this.#sweepId,
      status,
      jobsTotal: c.total,
      jobsDone: c.done,
      jobsFailed: c.failed,
      jobsRunning: c.running,
      jobsPerSec,
      etaSeconds: jobsPerSec > 0 ? (c.total - c.done) / jobsPerSec : null,
    });
  }
}
