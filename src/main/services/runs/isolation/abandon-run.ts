/**
 * The one place where a controller ends a run whose worker it had to stop (a callback over its
 * budget, the heap limit, a crash): the worker can no longer record its own failure, so the
 * controller marks the run failed with the reason and releases the run's ownership the worker
 * held. The worker's claim token died with it, but the claim is still on the run row under this
 * process's pid; the controller launched the only session of this run in this process, so that
 * claim can only be the dead worker's. Taking it from the row keeps the writes fenced: a run
 * another process has taken over meanwhile (other pid) is left alone.
 */
import type { Db } from '../../db/database.ts';
import type { RunClaim } from '../run-fence.ts';
import { releaseRun } from '../run-ownership.ts';
import { finishRun, getRun } from '../run-store.ts';

function claimOfThisProcess(db: Db, runId: string): RunClaim | null {
  const row = db
    .prepare('SELECT owner_token AS token FROM runs WHERE id = ? AND owner_pid = ?')
    .get(runId, process.pid) as { token: string | null } | undefined;
  return row?.token ? { runId, token: row.token } : null;
}

export function abandonRun(db: Db, runId: string, reason: string): void {
  const claim = claimOfThisProcess(db, runId);
  if (claim === null) return; // never claimed, already released, or taken over: nothing is ours
  // A run the worker managed to finish (or pause) keeps its outcome.
  if (getRun(db, runId)?.status === 'running') finishRun(db, claim, 'failed', reason);
  releaseRun(db, claim);
}
