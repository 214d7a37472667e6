/**
 * Where the runs of this data folder that went to a cluster ran: the `cluster_runs` rows the
 * cluster run host writes when it submits a run and when its job completes (migration 10), as
 * the app's RunInfo.cluster. The database is as untrusted as any file: resumed_from is JSON
 * checked by its schema, and a row that does not fit reads as "not known" rather than failing
 * the whole runs list.
 */
import { z } from 'zod';
import type { RunClusterInfo } from '../../../shared/dto.ts';
import type { Db } from '../db/database.ts';

const resumedFromSchema = z
  .object({
    attempt: z.string().max(256),
    seq: z.number().int().min(0),
    ticks: z.number().int().min(0),
  })
  .nullable();

interface Row {
  run_id: string;
  redis: string;
  store: string;
  attempt: string | null;
  worker: string | null;
  resumed_from: string | null;
}

/** Every cluster run's info by run id (one query for the runs list). */
export function clusterRunInfos(db: Db): Map<string, RunClusterInfo> {
  if (!hasTable(db)) return new Map();
  const rows = db
    .prepare('SELECT run_id, redis, store, attempt, worker, resumed_from FROM cluster_runs')
    .all() as Row[];
  return new Map(rows.map((r) => [r.run_id, infoOf(r)]));
}

export function clusterRunInfo(db: Db, runId: string): RunClusterInfo | null {
  if (!hasTable(db)) return null;
  const row = db
    .prepare(
      'SELECT run_id, redis, store, attempt, worker, resumed_from FROM cluster_runs WHERE run_id = ?',
    )
    .get(runId) as Row | undefined;
  return row ? infoOf(row) : null;
}

/** The cluster a sweep's jobs were sent to (its first job's), or null when they ran here. */
export function sweepClusterOf(db: Db, sweepId: string): { redis: string; store: string } | null {
  if (!hasTable(db)) return null;
  const row = db
    .prepare(
      `SELECT c.redis, c.store FROM cluster_runs c JOIN runs r ON r.id = c.run_id
       WHERE r.sweep_id = ? ORDER BY c.submitted_at LIMIT 1`,
    )
    .get(sweepId) as { redis: string; store: string } | undefined;
  return row ?? null;
}

function infoOf(r: Row): RunClusterInfo {
  return {
    redis: r.redis,
    store: r.store,
    worker: r.worker,
    attempt: r.attempt,
    resumedFrom: parseResumedFrom(r.resumed_from),
  };
}

function parseResumedFrom(text: string | null): RunClusterInfo['resumedFrom'] {
  if (text === null) return null;
  try {
    const r = resumedFromSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

// TEMPORARY until wip/h3's migration 10 is merged: then the table always exists.
function hasTable(db: Db): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cluster_runs'`)
      .get() !== undefined
  );
}
