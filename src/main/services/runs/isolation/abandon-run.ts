/**
 * The one place where a controller ends a run whose worker it had to stop (a callback over its
 * budget, the heap limit, a crash): the worker can no longer record its own failure, so the
 * controller marks the run failed with the reason and releases the run's ownership the worker
 * held. Both processes share the pid, so today's pid-based release applies; with a fencing
 * token, this is where the controller would use the session's claim.
 */
import type { Db } from '../../db/database.ts';
import { releaseRun } from '../run-ownership.ts';
import { finishRun, getRun } from '../run-store.ts';

export function abandonRun(db: Db, runId: string, reason: string): void {
  db.transaction(() => {
    // A run the worker managed to finish (or pause) keeps its outcome.
    if (getRun(db, runId)?.status === 'running') finishRun(db, runId, 'failed', reason);
    releaseRun(db, runId);
  }).immediate();
}
