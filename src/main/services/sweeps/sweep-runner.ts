/**
 * One session of a sweep: a pool of at most `workers` RunHosts (each job a normal run in its own
 * worker thread, the same code path and checkpoints as `backtestr run`), jobs picked by index.
 * A job whose run exists but did not finish is resumed from its own newest valid checkpoint; a
 * pending one starts. A job that fails is recorded failed and the sweep goes on; only an
 * infrastructure error (the database gone) fails the sweep. A pause (SweepControl, or the claim
 * lost to another process) pauses every running job, which checkpoints, and ends the session.
 */
import os from 'node:os';
import type { SweepDetail, SweepJobInfo } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { RunHost, type RunJob } from '../runs/isolation/run-host.ts';
import { jobRequest } from './job-request.ts';
import { chooseOutOfSampleParams, paramsChosen } from './oos-choice.ts';
import { SweepFencedError } from './sweep-errors.ts';
import { releaseSweep, startSweepHeartbeat, type SweepClaim } from './sweep-ownership.ts';
import { SweepProgress } from './sweep-progress.ts';
import { readSweep } from './sweep-read.ts';
import type { SweepRunOptions } from './sweep-service.ts';
import { jobsByWindow, readJob, readJobs } from './sweep-jobs.ts';
import { setJobError, setSweepState, sweepRow, type SweepRow } from './sweep-store.ts';

/** How often the coordinator looks at a pause request while jobs run. */
const POLL_MS = 100;

const finished = (j: SweepJobInfo) => j.status === 'completed' || j.status === 'failed';

function runJobOf(row: SweepRow, job: SweepJobInfo): RunJob {
  if (job.runId !== null) return { kind: 'resume', request: { runId: job.runId } };
  return { kind: 'start', request: jobRequest(row.id, row.spec, row.windows, job) };
}

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
  const running = new Map<number, { host: RunHost; ended: Promise<void> }>();
  const attempted = new Set<number>();
  const progress = new SweepProgress(claim.sweepId, opts.onProgress);
  let lost = false;
  const stopBeating = startSweepHeartbeat(db, claim, () => (lost = true));
  let pausing = false;
  const pauseAll = () => {
    if (pausing) return;
    pausing = true;
    for (const r of running.values()) r.host.requestPause();
  };

  const launch = (job: SweepJobInfo): void => {
    attempted.add(job.index);
    const host = new RunHost({
      db,
      dataDir,
      job: runJobOf(row, job),
      checkpoints: opts.checkpoints,
      callbackTimeoutMs: opts.callbackTimeoutMs,
      workerUrl: opts.workerUrl,
      onProgress: () => progress.tick(),
    });
    if (pausing) host.requestPause();
    const ended = host.finished
      .then(
        () => {
          refresh(job.index);
        },
        (err: Error) => {
          // A failed run records its own error (runSession, or RunHost for a stopped worker);
          // what is left failed before its run existed, or its run could not be resumed.
          if (!finished(refresh(job.index))) {
            setJobError(db, claim, job.index, err.message);
            refresh(job.index);
          }
        },
      )
      .finally(() => {
        running.delete(job.index);
        if (job.window !== null) windowsToCheck.add(job.window);
      });
    running.set(job.index, { host, ended });
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
      if (opts.control?.pauseRequested || lost) pauseAll();
      for (const j of jobs) {
        if (pausing || running.size >= workers) break;
        const ready =
          !running.has(j.index) &&
          !attempted.has(j.index) &&
          (j.status === 'pending' || j.status === 'interrupted') &&
          paramsChosen(j);
        if (ready) launch(j);
      }
      progress.update(jobs, running.size);
      progress.force();
      if (running.size === 0) break;
      await waitForAJob(
        [...running.values()].map((r) => r.ended),
        () => {
          if (opts.control?.pauseRequested || lost) pauseAll();
        },
      );
      if (!lost && !pausing) setSweepState(db, claim, { status: 'running', seconds: seconds() });
    }
    if (lost) throw new SweepFencedError(claim.sweepId);
    const status = jobs.every(finished) ? 'completed' : pausing ? 'paused' : 'interrupted';
    setSweepState(db, claim, { status, seconds: seconds() });
    progress.update(jobs, 0);
    progress.force(status);
  } catch (err) {
    pauseAll();
    await Promise.allSettled([...running.values()].map((r) => r.ended));
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

/** Resolves when one of `ended` settles, polling `check` meanwhile (a pause request). */
async function waitForAJob(ended: Promise<void>[], check: () => void): Promise<void> {
  let done = false;
  const any = Promise.race(ended).then(() => (done = true));
  while (!done) {
    check();
    await Promise.race([any, new Promise((r) => setTimeout(r, POLL_MS))]);
  }
}
