/**
 * Where the runs of this data folder that went to a cluster ran, as the app's RunInfo.cluster:
 * the `cluster_runs` rows (cluster/cluster-runs.ts) the cluster run host writes when it submits
 * a run and when its job completes.
 */
import type { RunClusterInfo } from '../../../shared/dto.ts';
import { getClusterRun } from '../cluster/cluster-runs.ts';
import type { Db } from '../db/database.ts';

/**
 * The run's cluster info, or null for a run that never went to a cluster. A row that fails its
 * checks (the database is untrusted) loses only its outcome, not the runs list it is part of.
 */
export function clusterRunInfo(db: Db, runId: string): RunClusterInfo | null {
  try {
    const r = getClusterRun(db, runId);
    if (!r) return null;
    const { redis, store, worker, attempt, resumedFrom } = r;
    return { redis, store, worker, attempt, resumedFrom };
  } catch {
    const row = db.prepare('SELECT redis, store FROM cluster_runs WHERE run_id = ?').get(runId) as
      { redis: string; store: string } | undefined;
    return row ? { ...row, worker: null, attempt: null, resumedFrom: null } : null;
  }
}

/** The cluster a sweep's jobs were sent to (its first job's), or null when they ran here. */
export function sweepClusterOf(db: Db, sweepId: string): { redis: string; store: string } | null {
  const row = db
    .prepare(
      `SELECT c.redis, c.store FROM cluster_runs c JOIN runs r ON r.id = c.run_id
       WHERE r.sweep_id = ? ORDER BY c.submitted_at LIMIT 1`,
    )
    .get(sweepId) as { redis: string; store: string } | undefined;
  return row ?? null;
}
