/**
 * Walk-forward scheduling: a window's out-of-sample job becomes runnable once all its in-sample
 * jobs have finished; it trades the params of the best of them (objective.ts: ties to the lowest
 * index, so the choice is the same after any interruption). A window whose in-sample jobs have
 * no qualifying best gets no out-of-sample run: its job is recorded failed, saying why.
 */
import type { SweepJobInfo, SweepSpec } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import type { SweepClaim } from './sweep-ownership.ts';
import { windowBest } from './sweep-read.ts';
import { setJobError, setJobParams } from './sweep-store.ts';

export const NO_QUALIFYING_JOB = 'no in-sample job qualified';

/** An out-of-sample job's params are stored only once chosen (until then it reads {}). */
export function paramsChosen(job: SweepJobInfo): boolean {
  return job.phase !== 'oos' || Object.keys(job.params).length > 0;
}

/** Chooses (and stores, fenced) the params of every out-of-sample job that can now have them. */
export function chooseOutOfSampleParams(
  db: Db,
  claim: SweepClaim,
  spec: SweepSpec,
  jobs: SweepJobInfo[],
): boolean {
  let changed = false;
  for (const oos of jobs) {
    if (paramsChosen(oos) || oos.status !== 'pending') continue;
    const inSampleDone = jobs
      .filter((j) => j.phase === 'is' && j.window === oos.window)
      .every((j) => j.status === 'completed' || j.status === 'failed');
    if (!inSampleDone) continue;
    const best = windowBest(jobs, oos.window!, spec);
    if (best === null) setJobError(db, claim, oos.index, NO_QUALIFYING_JOB);
    else setJobParams(db, claim, oos.index, jobs[best]!.params);
    changed = true;
  }
  return changed;
}
