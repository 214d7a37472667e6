/**
 * Walk-forward scheduling: a window's out-of-sample job becomes runnable once all its in-sample
 * jobs have finished; it trades the params of the best of them (shared/sweep-objective.ts: ties to the lowest
 * index, so the choice is the same after any interruption). A window whose in-sample jobs have
 * no qualifying best gets no out-of-sample run: its job is recorded failed, saying why.
 */
import type { SweepJobInfo, SweepSpec } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { jobFinished, type WindowJobs } from './sweep-jobs.ts';
import type { SweepClaim } from './sweep-ownership.ts';
import { windowBest } from './sweep-read.ts';
import { setJobError, setJobParams } from './sweep-store.ts';

export const NO_QUALIFYING_JOB = 'no in-sample job qualified';

/** An out-of-sample job's params are stored only once chosen (until then it reads {}). */
export function paramsChosen(job: SweepJobInfo): boolean {
  return job.phase !== 'oos' || Object.keys(job.params).length > 0;
}

/**
 * Chooses (and stores, fenced) the params of the window's out-of-sample job if it can now have
 * them; returns the job's index when something was stored, else null.
 */
export function chooseOutOfSampleParams(
  db: Db,
  claim: SweepClaim,
  spec: SweepSpec,
  window: WindowJobs,
): number | null {
  const { oos, inSample } = window;
  if (!oos || paramsChosen(oos) || oos.status !== 'pending') return null;
  if (!inSample.every(jobFinished)) return null;
  const best = windowBest(inSample, spec);
  if (best === null) setJobError(db, claim, oos.index, NO_QUALIFYING_JOB);
  else setJobParams(db, claim, oos.index, inSample.find((j) => j.index === best)!.params);
  return oos.index;
}
