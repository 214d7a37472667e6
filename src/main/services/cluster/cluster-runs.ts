/**
 * The `cluster_runs` table (migration 10): where a run of this data folder was sent and, once it
 * is done, which attempt and worker finished it and where it resumed. Written by the submitter
 * (ClusterRunHost) when it queues the job and when it adopts the result; read by `resume
 * --cluster` (to follow the job again) and by the app and `runs list` (to show it). Only the
 * redacted Redis URL and the store URL are stored: they carry no credentials.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { ResumedFrom } from './cluster-job.ts';

export interface ClusterRunRecord {
  runId: string;
  /** RedisTarget.redacted. */
  redis: string;
  /** formatStoreUrl(). */
  store: string;
  attempt: string | null;
  worker: string | null;
  resumedFrom: ResumedFrom | null;
  quarantined: string[];
  submittedAt: number;
  finishedAt: number | null;
}

interface Row {
  runId: string;
  redis: string;
  store: string;
  attempt: string | null;
  worker: string | null;
  resumedFrom: string | null;
  quarantined: string | null;
  submittedAt: number;
  finishedAt: number | null;
}

// The database file is untrusted like any input: its JSON columns are validated on read.
const resumedFromSchema = z
  .object({ attempt: z.string(), seq: z.number().int(), ticks: z.number().int() })
  .nullable();
const quarantinedSchema = z.array(z.string()).max(10_000);

/** Records (again) that the run was sent to this cluster; a resubmission clears the outcome. */
export function recordClusterSubmit(db: Db, runId: string, redis: string, store: string): void {
  db.prepare(
    `INSERT INTO cluster_runs (run_id, redis, store, submitted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET redis = excluded.redis, store = excluded.store,
       submitted_at = excluded.submitted_at, attempt = NULL, worker = NULL,
       resumed_from = NULL, quarantined = NULL, finished_at = NULL`,
  ).run(runId, redis, store, Date.now());
}

/** Records who finished the run and where it resumed (the completed job's outcome). */
export function recordClusterDone(
  db: Db,
  runId: string,
  done: {
    attempt: string;
    worker: string;
    resumedFrom: ResumedFrom | null;
    quarantined: string[];
  },
): void {
  db.prepare(
    `UPDATE cluster_runs SET attempt = ?, worker = ?, resumed_from = ?, quarantined = ?,
       finished_at = ? WHERE run_id = ?`,
  ).run(
    done.attempt,
    done.worker,
    JSON.stringify(done.resumedFrom),
    JSON.stringify(done.quarantined),
    Date.now(),
    runId,
  );
}

/** How a cluster ran `runId`; null for a run that never went to a cluster. */
export function getClusterRun(db: Db, runId: string): ClusterRunRecord | null {
  const row = db
    .prepare(
      `SELECT run_id AS runId, redis, store, attempt, worker, resumed_from AS resumedFrom,
         quarantined, submitted_at AS submittedAt, finished_at AS finishedAt
       FROM cluster_runs WHERE run_id = ?`,
    )
    .get(runId) as Row | undefined;
  if (!row) return null;
  const json = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));
  return {
    ...row,
    resumedFrom: resumedFromSchema.parse(json(row.resumedFrom)),
    quarantined: quarantinedSchema.parse(json(row.quarantined) ?? []),
  };
}
