/**
 * A sweep as the transports show it (SweepDetail, SweepInfo): its row, its jobs joined with their
 * runs, each walk-forward window's chosen in-sample job and the stitched out-of-sample statistics.
 */
import type {
  SweepDetail,
  SweepInfo,
  SweepJobInfo,
  SweepSpec,
  SweepWindowInfo,
} from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { bestJob } from '../../../shared/sweep-objective.ts';
import { oosStatistics } from './oos-stitch.ts';
import { markDeadSweepsInterrupted } from './sweep-ownership.ts';
import { jobFinished, jobsByWindow, readJobs, sweepInfo } from './sweep-jobs.ts';
import { listSweepIds, sweepRow } from './sweep-store.ts';
import type { WalkForwardWindow } from './walk-forward.ts';

/**
 * The in-sample job whose params a window's out-of-sample job trades: null until every in-sample
 * job of the window has finished (completed or failed), or when none qualifies.
 */
export function windowBest(inSample: readonly SweepJobInfo[], spec: SweepSpec): number | null {
  if (!inSample.every(jobFinished)) return null;
  return bestJob(inSample, spec.objective, spec.minTrades);
}

function windowInfos(
  windows: WalkForwardWindow[],
  jobs: SweepJobInfo[],
  spec: SweepSpec,
): SweepWindowInfo[] {
  const byWindow = jobsByWindow(jobs);
  return windows.map((w) => {
    const its = byWindow.get(w.window);
    return {
      ...w,
      bestJob: its ? windowBest(its.inSample, spec) : null,
      oosJob: its?.oos?.index ?? null,
    };
  });
}

function stitchedStats(db: Db, detail: SweepDetail): SweepDetail['oosStats'] {
  return detail.spec.walkForward ? oosStatistics(db, detail) : null;
}

export function readSweep(db: Db, sweepId: string): SweepDetail | null {
  const row = sweepRow(db, sweepId);
  if (!row) return null;
  const jobs = readJobs(db, sweepId, row.spec);
  const detail: SweepDetail = {
    ...sweepInfo(row, jobs),
    jobs,
    windows: windowInfos(row.windows, jobs, row.spec),
    oosStats: null,
  };
  detail.oosStats = stitchedStats(db, detail);
  return detail;
}

/** Oldest first; a sweep whose process died reads interrupted. */
export function listSweeps(db: Db): SweepInfo[] {
  markDeadSweepsInterrupted(db);
  return listSweepIds(db).map((id) => {
    const row = sweepRow(db, id)!;
    return sweepInfo(row, readJobs(db, id, row.spec));
  });
}
