/**
 * One session of a sweep: at most `workers` jobs at a time (job-pool.ts), picked by index; a
 * walk-forward window's out-of-sample job once its in-sample jobs are done. A job that fails is
 * recorded failed and the sweep goes on; only an infrastructure error (the database gone) fails
 * the sweep. A pause (SweepControl, or the claim
 * lost to another process) pauses every running job, which checkpoints, and ends the session.
 */
import os from 'node:os';
import type { SweepDetail, SweepJobInfo } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { JobPool } from './job-pool.ts';
import { chooseOutOfSampleParams, paramsChosen } from './oos-choice.ts';
import { SweepFencedError } from './sweep-errors.ts';
import { releaseSweep, startSweepHeartbeat, type SweepClaim } from './sweep-ownership.ts';
import { SweepProgress } from './sweep-progress.ts';
import { readSweep } from './sweep-read.ts';
import type { SweepRunOptions } from './sweep-service.ts';
import { jobFinished, jobsByWindow, readJob, readJobs } from './sweep-jobs.ts';
import { setJobError, setSweepState, sweepRow } from './sweep-store.ts';

/** The indices of each window's jobs (fixed by the plan), to rebuild its WindowJobs cheaply. */
function windowIndices(jobs: readonly SweepJobInfo[]): Map<number, number[]> {
  const byWindow = new Map<number, number[]>();
  for (const [w, its] of jobsByWindow(jobs))
    byWindow.set(
      w,
      [...its.inSample, ...(its.oos ? [its.oos] : [])].map((j) => j.index),
    );
  return byWindow;
}

/** Runs the claimed sweep until every job has finished or a pause; returns what it left. */
export async function runSweepSession(
  db: Db,
  dataDir: string,
  claim: SweepClaim,
  opts: SweepRunOptions,
): Promise<SweepDetail> {
  const row = sweepRow(db, claim.sweepId)!;
  const { spec } = row;
  const workers = Math.max(1, opts.workers ?? os.availableParallelism());
  const started = Date.now();
  const seconds = () => row.seconds + (Date.now() - started) / 1000;
  // Read once; afterwards only a job that ended is read again (readJob), so a large sweep does
  // not re-read every job at every job's end.
  const jobs = readJobs(db, claim.sweepId, spec);
  const refresh = (index: number) => (jobs[index] = readJob(db, claim.sweepId, index, spec));
  const windows = windowIndices(jobs);
  const windowsToCheck = new Set(windows.keys());
  const attempted = new Set<number>();
  const progress = new SweepProgress(claim.sweepId, opts.onProgress);
  const pool = new JobPool({
    db,
    dataDir,
    row,
    run: opts,
    onTick: () => progress.tick(),
    onEnded: (job, err) => {
      // A failed run records its own error (runSession, or RunHost for a stopped worker); what
      // is left failed before its run existed, or its run could not be resumed.
      if (!jobFinished(refresh(job.index)) && err) {
        setJobError(db, claim, job.index, err.message);
        refresh(job.index);
      }
      if (job.window !== null) windowsToCheck.add(job.window);
    },
  });
  let lost = false;
  const stopBeating = startSweepHeartbeat(db, claim, () => (lost = true));
  const pollPause = () => {
    if (opts.control?.pauseRequested || lost) pool.pauseAll();
  };

  try {
    for (;;) {
      for (const w of windowsToCheck) {
        const its = windows.get(w)!.map((i) => jobs[i]!);
        const chosen = chooseOutOfSampleParams(db, claim, spec, {
          inSample: its.filter((j) => j.phase === 'is'),
          oos: its.find((j) => j.phase === 'oos') ?? null,
        });
        if (chosen !== null) refresh(chosen);
      }
      windowsToCheck.clear();
      pollPause();
      for (const j of jobs) {
        if (pool.pausing || pool.size >= workers) break;
        const ready =
          !pool.has(j.index) &&
          !attempted.has(j.index) &&
          (j.status === 'pending' || j.status === 'interrupted') &&
          paramsChosen(j);
        if (!ready) continue;
        attempted.add(j.index);
        pool.start(j);
      }
      progress.update(jobs, pool.size);
      progress.force();
      if (pool.size === 0) break;
      await pool.waitForOne(pollPause);
      if (!lost && !pool.pausing)
        setSweepState(db, claim, { status: 'running', seconds: seconds() });
    }
    if (lost) throw new SweepFencedError(claim.sweepId);
    const status = jobs.every(jobFinished) ? 'completed' : pool.pausing ? 'paused' : 'interrupted';
    setSweepState(db, claim, { status, seconds: seconds() });
    progress.update(jobs, 0);
    progress.force(status);
  } catch (err) {
    pool.pauseAll();
    await pool.settle();
    if (!(err instanceof SweepFencedError)) {
      try {
        setSweepState(db, claim, { status: 'failed', seconds: seconds(), error: String(err) });
      } catch {
        // The database itself is what failed; the sweep reads interrupted once we are gone.
      }
    }
    throw err;
  } finally {
    stopBeating();
    releaseSweep(db, claim);
  }
  return readSweep(db, claim.sweepId)!;
}
