/**
 * Sweeps in SQLite (migration 9): the sweep row, its planned jobs, and each job's run found by
 * the link on the run row. A job has no status of its own: it is its run's (no run yet =
 * pending), except for what no run could record (sweep_jobs.error: a job that failed before its
 * run existed, an out-of-sample job without a qualifying in-sample job).
 */
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import { markDeadRunsInterrupted } from '../runs/run-ownership.ts';
import { newRunId } from '../runs/run-store.ts';
import type {
  ParamValue,
  SweepInfo,
  SweepJobInfo,
  SweepJobStatus,
  SweepSpec,
  SweepStatus,
} from '../../../shared/sweeps.ts';
import { bestJob, objectiveValue } from './objective.ts';
import {
  fencedSweepWrite,
  markDeadSweepsInterrupted,
  newSweepToken,
  type SweepClaim,
} from './sweep-ownership.ts';
import type { SweepPlan } from './sweep-plan.ts';
import type { WalkForwardWindow } from './walk-forward.ts';

/** `sw-20261130-110444-04d3`: a run id with a prefix, valid wherever a run id is. */
export function newSweepId(now = new Date()): string {
  return `sw-${newRunId(now)}`;
}

/** Creates the sweep and every planned job in one transaction, owned by the caller from birth. */
export function createSweep(
  db: Db,
  plan: SweepPlan,
  opts: { workers: number; checkpoints: CheckpointPolicy | null },
): SweepClaim {
  const claim = { sweepId: newSweepId(), token: newSweepToken() };
  const now = Date.now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sweeps (id, created_at, status, spec, windows, workers, checkpoints,
         owner_pid, owner_token, heartbeat_at)
       VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      claim.sweepId,
      now,
      JSON.stringify(plan.spec),
      JSON.stringify(plan.windows),
      opts.workers,
      opts.checkpoints && JSON.stringify(opts.checkpoints),
      process.pid,
      claim.token,
      now,
    );
    const insert = db.prepare(
      'INSERT INTO sweep_jobs (sweep_id, idx, phase, window, params) VALUES (?, ?, ?, ?, ?)',
    );
    for (const j of plan.jobs)
      insert.run(claim.sweepId, j.index, j.phase, j.window, j.params && JSON.stringify(j.params));
  }).immediate();
  return claim;
}

export interface SweepRow {
  id: string;
  createdAt: number;
  status: SweepStatus;
  spec: SweepSpec;
  windows: WalkForwardWindow[];
  workers: number;
  checkpoints: CheckpointPolicy | null;
  seconds: number;
  error: string | null;
}

export function sweepRow(db: Db, sweepId: string): SweepRow | null {
  markDeadSweepsInterrupted(db, sweepId);
  const r = db
    .prepare(
      `SELECT id, created_at AS createdAt, status, spec, windows, workers, checkpoints, seconds,
         error FROM sweeps WHERE id = ?`,
    )
    .get(sweepId) as Record<string, unknown> | undefined;
  if (!r) return null;
  return {
    ...(r as unknown as SweepRow),
    spec: JSON.parse(r.spec as string) as SweepSpec,
    windows: JSON.parse(r.windows as string) as WalkForwardWindow[],
    checkpoints:
      r.checkpoints === null ? null : (JSON.parse(r.checkpoints as string) as CheckpointPolicy),
  };
}

interface JobRow {
  idx: number;
  phase: SweepJobInfo['phase'];
  window: number | null;
  params: string | null;
  jobError: string | null;
  runId: string | null;
  runStatus: string | null;
  runError: string | null;
  stats: string | null;
}

function jobStatus(run: string | null, jobError: string | null): SweepJobStatus {
  if (run === 'completed' || run === 'failed') return run;
  if (jobError !== null) return 'failed';
  if (run === null) return 'pending';
  return run === 'running' ? 'running' : 'interrupted'; // paused or interrupted: resumable
}

/** Every job with its run's status, stats and objective, in index order. */
export function readJobs(db: Db, sweepId: string, spec: SweepSpec): SweepJobInfo[] {
  markDeadRunsInterrupted(db);
  const rows = db
    .prepare(
      `SELECT j.idx, j.phase, j.window, j.params, j.error AS jobError, r.id AS runId,
         r.status AS runStatus, r.error AS runError, r.stats
       FROM sweep_jobs j LEFT JOIN runs r ON r.sweep_id = j.sweep_id AND r.sweep_job = j.idx
       WHERE j.sweep_id = ? ORDER BY j.idx`,
    )
    .all(sweepId) as JobRow[];
  return rows.map((r) => {
    const stats = r.stats === null ? null : (JSON.parse(r.stats) as Record<string, number | null>);
    const status = jobStatus(r.runStatus, r.jobError);
    return {
      index: r.idx,
      phase: r.phase,
      window: r.window,
      params: r.params === null ? {} : (JSON.parse(r.params) as Record<string, ParamValue>),
      status,
      runId: r.runId,
      stats: status === 'completed' ? stats : null,
      objective: status === 'completed' ? objectiveValue(stats, spec.objective) : null,
      error: r.runError ?? r.jobError,
    };
  });
}

/** The sweep's summary from its row and jobs (bestJob only for a plain sweep). */
export function sweepInfo(row: SweepRow, jobs: SweepJobInfo[]): SweepInfo {
  const { spec } = row;
  return {
    id: row.id,
    createdAt: row.createdAt,
    status: row.status,
    spec,
    jobsTotal: jobs.length,
    jobsDone: jobs.filter((j) => j.status === 'completed' || j.status === 'failed').length,
    jobsFailed: jobs.filter((j) => j.status === 'failed').length,
    bestJob: spec.walkForward ? null : bestJob(jobs, spec.objective, spec.minTrades),
    seconds: row.seconds,
    error: row.error,
  };
}

export function listSweepIds(db: Db): string[] {
  return (
    db.prepare('SELECT id FROM sweeps ORDER BY created_at, id').all() as { id: string }[]
  ).map((r) => r.id);
}

// The coordinator's writes, each fenced by its claim on the sweep.

/** An out-of-sample job's params once its window's best in-sample job is known. */
export function setJobParams(
  db: Db,
  claim: SweepClaim,
  index: number,
  params: Record<string, ParamValue>,
): void {
  fencedSweepWrite(db, claim, () =>
    db
      .prepare('UPDATE sweep_jobs SET params = ? WHERE sweep_id = ? AND idx = ?')
      .run(JSON.stringify(params), claim.sweepId, index),
  );
}

/** A job that failed where no run could record it (before its run existed). */
export function setJobError(db: Db, claim: SweepClaim, index: number, error: string): void {
  fencedSweepWrite(db, claim, () =>
    db
      .prepare('UPDATE sweep_jobs SET error = ? WHERE sweep_id = ? AND idx = ?')
      .run(error, claim.sweepId, index),
  );
}

/** The session's end (or its running total): status, seconds over all sessions, error. */
export function setSweepState(
  db: Db,
  claim: SweepClaim,
  state: { status: SweepStatus; seconds: number; error?: string | null },
): void {
  const final = state.status === 'completed' || state.status === 'failed';
  fencedSweepWrite(db, claim, () =>
    db
      .prepare('UPDATE sweeps SET status = ?, seconds = ?, error = ?, finished_at = ? WHERE id = ?')
      .run(
        state.status,
        state.seconds,
        state.error ?? null,
        final ? Date.now() : null,
        claim.sweepId,
      ),
  );
}
