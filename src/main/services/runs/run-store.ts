import { randomBytes } from 'node:crypto';
import type { RunReport } from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
import { fencedWrite, type RunClaim } from './run-fence.ts';
import { markDeadRunsInterrupted } from './run-ownership.ts';
import type { RunConfig, RunRecord, RunStatus } from './run-config.ts';

interface RunRow {
  id: string;
  createdAt: number;
  status: RunStatus;
  config: string;
  ticksTotal: number;
  ticksDone: number;
  seconds: number;
  finishedAt: number | null;
  error: string | null;
  stats: string | null;
  report: string | null;
  parentRunId: string | null;
  parentSeq: number | null;
  sweepId: string | null;
}

const RUN_COLUMNS = `id, created_at AS createdAt, status, config, ticks_total AS ticksTotal,
  ticks_done AS ticksDone, seconds, finished_at AS finishedAt, error, stats, report,
  parent_run_id AS parentRunId, parent_seq AS parentSeq, sweep_id AS sweepId`;

function toRecord(row: RunRow): RunRecord {
  return {
    ...row,
    config: JSON.parse(row.config) as RunConfig,
    stats: row.stats === null ? null : (JSON.parse(row.stats) as RunRecord['stats']),
    report: row.report === null ? null : (JSON.parse(row.report) as RunRecord['report']),
  };
}

/**
 * JSON with object keys sorted at every level. A run's config is stored this way, so a run
 * created from a request and one resumed from a checkpoint (whose decoded objects have sorted
 * keys) read back identically — and so do their exports.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Sortable and readable: creation time (UTC) plus 4 random hex digits. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * Which job of which sweep a run is (services/sweeps). Kept out of RunConfig: a job's config, its
 * hash and its export must equal those of a stand-alone run with the same settings.
 */
export interface SweepJobLink {
  sweepId: string;
  job: number;
}

/**
 * `sweep` links the run to its sweep job in this same INSERT, so a crash can never leave a job's
 * run unlinked (and the unique index refuses a second run for one job).
 */
export function insertRun(
  db: Db,
  config: RunConfig,
  ticksTotal: number,
  parent: { runId: string; seq: number } | null = null,
  id: string = newRunId(),
  sweep: SweepJobLink | null = null,
): RunRecord {
  db.prepare(
    `INSERT INTO runs (id, created_at, status, config, ticks_total, parent_run_id, parent_seq,
       sweep_id, sweep_job)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    Date.now(),
    'running',
    canonicalJson(config),
    ticksTotal,
    parent?.runId ?? null,
    parent?.seq ?? null,
    sweep?.sweepId ?? null,
    sweep?.job ?? null,
  );
  return getRun(db, id)!;
}

export function getRun(db: Db, id: string): RunRecord | undefined {
  markDeadRunsInterrupted(db, id);
  const row = db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`).get(id) as
    RunRow | undefined;
  return row && toRecord(row);
}

/** All runs, oldest first; runs whose process died are reported (and stored) as interrupted. */
export function listRuns(db: Db): RunRecord[] {
  markDeadRunsInterrupted(db);
  return (
    db.prepare(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY created_at, id`).all() as RunRow[]
  ).map(toRecord);
}

// The writes of a running session: each is fenced by the session's claim (run-fence.ts), so a
// session that lost its run can neither move its progress nor mark it failed or completed.

export function updateRunProgress(
  db: Db,
  claim: RunClaim,
  ticksDone: number,
  seconds: number,
): void {
  fencedWrite(db, claim, () =>
    db
      .prepare('UPDATE runs SET ticks_done = ?, seconds = ? WHERE id = ?')
      .run(ticksDone, seconds, claim.runId),
  );
}

export function finishRun(
  db: Db,
  claim: RunClaim,
  status: RunStatus,
  error: string | null = null,
): void {
  fencedWrite(db, claim, () =>
    db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?')
      .run(status, Date.now(), error, claim.runId),
  );
}

/** The statistics and the report beside them (runs.report), in one statement. */
export function saveRunStats(db: Db, claim: RunClaim, stats: object, report: RunReport): void {
  fencedWrite(db, claim, () =>
    db
      .prepare('UPDATE runs SET stats = ?, report = ? WHERE id = ?')
      .run(JSON.stringify(stats), JSON.stringify(report), claim.runId),
  );
}

export function setRunStatus(db: Db, claim: RunClaim, status: RunStatus): void {
  fencedWrite(db, claim, () =>
    db.prepare('UPDATE runs SET status = ?, error = NULL WHERE id = ?').run(status, claim.runId),
  );
}
