/**
 * A run's progress, relayed to the job (job.updateProgress → the submitter's QueueEvents) at most
 * twice a second: Redis load stays flat however fast the engine reports. Updates go out one at a
 * time, in order; one that fails (Redis briefly away) is dropped, the next carries newer numbers.
 */
import type { Job } from 'bullmq';
import type { RunProgress } from '../../runs/run-loop.ts';
import type { ClusterJobProgress, ResumedFrom } from '../cluster-job.ts';

const RELAY_MS = 500;

export class ProgressRelay {
  readonly #job: Job;
  readonly #attempt: string;
  readonly #resumedFrom: ResumedFrom | null;
  #last = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(job: Job, attempt: string, resumedFrom: ResumedFrom | null) {
    this.#job = job;
    this.#attempt = attempt;
    this.#resumedFrom = resumedFrom;
  }

  /** `force`: the first and last report of an attempt always go out. */
  report(p: Omit<RunProgress, 'runId'>, force = false): void {
    const now = Date.now();
    if (!force && now - this.#last < RELAY_MS) return;
    this.#last = now;
    const data: ClusterJobProgress = {
      ticksDone: p.ticksDone,
      ticksTotal: p.ticksTotal,
      seconds: p.seconds,
      ticksPerSec: p.ticksPerSec,
      simTime: p.simTime,
      attempt: this.#attempt,
      resumedFrom: this.#resumedFrom,
    };
    this.#chain = this.#chain.then(() => this.#job.updateProgress(data).catch(() => {}));
  }

  async flush(): Promise<void> {
    await this.#chain;
  }
}
