/**
 * Sweeps built by hand around REAL runs, for the tests of the sweep results (stitching, export):
 * every job is a runBacktest of ma-cross on generated ticks, and the SweepDetail is assembled the
 * way decisions A-C describe (grid order, a window's IS jobs then its OOS job, the OOS job trading
 * the window's best by sweep-objective.ts bestJob), so these tests need nothing of the sweep runner.
 */
import type { Db } from '../../src/main/services/db/database.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { runBacktest } from '../../src/main/services/runs/run-service.ts';
import { bestJob, objectiveValue } from '../../src/shared/sweep-objective.ts';
import { oosStatistics } from '../../src/main/services/sweeps/oos-stitch.ts';
import { walkForwardWindows } from '../../src/main/services/sweeps/walk-forward.ts';
import { generateSymbolTicks } from '../../src/main/services/ticks/generate-service.ts';
import type {
  ParamValue,
  SweepDetail,
  SweepJobInfo,
  SweepSpec,
  SweepWindowInfo,
} from '../../src/shared/sweeps.ts';

export const DAY = 86_400_000;
/** The runner's error for a window whose in-sample jobs had no qualifying best (decision C). */
export const NO_OOS = 'no in-sample job qualified';
/** Monday: five weekdays of generated ticks, 2024-01-01 .. 2024-01-05. */
export const START = Date.parse('2024-01-01T00:00:00Z');

export async function seededDb(dir: string, days = 5): Promise<Db> {
  const db = openDatabase(dir);
  await generateSymbolTicks(db, { symbol: 'EURUSD', start: START, days, seed: 1 });
  return db;
}

/** ma-cross on M5 with a short H1 trend filter, so a day of ticks already trades. */
export function specOf(over: Partial<SweepSpec> = {}): SweepSpec {
  return {
    base: {
      symbols: ['EURUSD'],
      from: START,
      to: START + 2 * DAY,
      timeframes: ['M1', 'M5', 'H1'],
      strategy: 'ma-cross',
      fixed: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 5, slow: 12 },
      record: ['trades', 'equity'],
    },
    params: [{ name: 'fast', kind: 'list', values: [3, 5] }],
    search: { kind: 'grid' },
    objective: 'net-profit',
    minTrades: 0,
    walkForward: null,
    ...over,
  };
}

/** Runs one job like the runner does (decision A): a normal run of base + fixed + job params. */
export async function runJob(
  db: Db,
  dir: string,
  spec: SweepSpec,
  job: Pick<SweepJobInfo, 'index' | 'phase' | 'window' | 'params'>,
  range: { from: number | null; to: number | null },
): Promise<SweepJobInfo> {
  const b = spec.base;
  try {
    const s = await runBacktest(db, dir, {
      symbols: b.symbols,
      ...range,
      timeframes: b.timeframes as never,
      strategy: b.strategy,
      params: { ...b.fixed, ...job.params },
      record: b.record,
    });
    const stats = { ...s.stats! } as Record<string, number | null>;
    const objective = objectiveValue(stats, spec.objective);
    return { ...job, status: 'completed', runId: s.runId, stats, objective, error: null };
  } catch (e) {
    const error = (e as Error).message;
    return { ...job, status: 'failed', runId: null, stats: null, objective: null, error };
  }
}

/** The grid of a spec whose params are all lists (enough for these tests), first param slowest. */
export function listGrid(spec: SweepSpec): Record<string, ParamValue>[] {
  let points: Record<string, ParamValue>[] = [{}];
  for (const p of spec.params) {
    if (p.kind !== 'list') throw new Error('listGrid: lists only');
    points = points.flatMap((pt) => p.values.map((v) => ({ ...pt, [p.name]: v })));
  }
  return points;
}

function detailOf(spec: SweepSpec, jobs: SweepJobInfo[], windows: SweepWindowInfo[]): SweepDetail {
  const done = jobs.filter((j) => j.status === 'completed' || j.status === 'failed');
  return {
    id: 'sw-20240101-000000-0000',
    createdAt: 0,
    status: 'completed',
    spec,
    jobsTotal: jobs.length,
    jobsDone: done.length,
    jobsFailed: jobs.filter((j) => j.status === 'failed').length,
    bestJob: spec.walkForward ? null : bestJob(jobs, spec.objective, spec.minTrades),
    seconds: 0,
    error: null,
    jobs,
    windows,
    oosStats: null,
  };
}

export async function plainSweep(db: Db, dir: string, spec: SweepSpec): Promise<SweepDetail> {
  const jobs: SweepJobInfo[] = [];
  for (const params of listGrid(spec)) {
    const job = { index: jobs.length, phase: 'search' as const, window: null, params };
    jobs.push(await runJob(db, dir, spec, job, spec.base));
  }
  return detailOf(spec, jobs, []);
}

/**
 * A walk-forward sweep: per window every grid point on the IS range, then the window's best on
 * the OOS range. `skipOos` windows get the runner's "no in-sample job qualified" OOS job instead.
 */
export async function walkForwardSweep(
  db: Db,
  dir: string,
  spec: SweepSpec,
  skipOos: readonly number[] = [],
): Promise<SweepDetail> {
  const wf = spec.walkForward!;
  const jobs: SweepJobInfo[] = [];
  const windows: SweepWindowInfo[] = [];
  const ranges = walkForwardWindows(
    spec.base.from!,
    spec.base.to!,
    wf.inSampleMs,
    wf.outOfSampleMs,
  );
  for (const w of ranges) {
    const isJobs: SweepJobInfo[] = [];
    for (const params of listGrid(spec)) {
      const job = { index: jobs.length, phase: 'is' as const, window: w.window, params };
      isJobs.push(await runJob(db, dir, spec, job, w.inSample));
      jobs.push(isJobs.at(-1)!);
    }
    const best = skipOos.includes(w.window)
      ? null
      : bestJob(isJobs, spec.objective, spec.minTrades);
    const oos = { index: jobs.length, phase: 'oos' as const, window: w.window };
    jobs.push(
      best === null
        ? {
            ...oos,
            params: {},
            status: 'failed',
            runId: null,
            stats: null,
            objective: null,
            error: NO_OOS,
          }
        : await runJob(db, dir, spec, { ...oos, params: jobs[best]!.params }, w.outOfSample),
    );
    windows.push({ ...w, bestJob: best, oosJob: oos.index });
  }
  const detail = detailOf(spec, jobs, windows);
  // As readSweep fills it: the export reads the stitched statistics from the detail.
  detail.oosStats = oosStatistics(db, detail);
  return detail;
}

/** The detail as if window `window` had no qualifying in-sample job: its OOS job failed, unrun. */
export function withoutOosRun(detail: SweepDetail, window: number): SweepDetail {
  const w = detail.windows[window]!;
  return {
    ...detail,
    jobs: detail.jobs.map((j) =>
      j.index === w.oosJob
        ? {
            ...j,
            params: {},
            status: 'failed',
            runId: null,
            stats: null,
            objective: null,
            error: NO_OOS,
          }
        : j,
    ),
    windows: detail.windows.map((x) => (x === w ? { ...x, bestJob: null } : x)),
  };
}
