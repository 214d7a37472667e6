/**
 * Sweeps in SQLite (migration 9): creating a sweep with its planned jobs, reading its row, and
 * the coordinator's fenced writes. Jobs as read with their runs: sweep-jobs.ts.
 */
import type { CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import { newRunId } from '../runs/run-store.ts';
import type { ParamValue, SweepSpec, SweepStatus } from '../../../shared/sweeps.ts';
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
