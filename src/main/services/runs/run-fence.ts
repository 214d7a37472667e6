/**
 * Fencing: every write a session makes for its run is conditional on that session still owning
 * the run. Ownership is a claim — the run id and a random token stored on the run row by claimRun
 * (run-ownership.ts). A session that stalled (a stopped process, a starved machine) can be
 * declared dead and its run taken over by another session; when the stalled one wakes up, its
 * token no longer matches and each of its writes is refused with a RunFencedError instead of
 * overwriting what the new owner did. The check and the write share one IMMEDIATE transaction:
 * SQLite's single writer lock means no claim can change between the two.
 */
import type { Db } from '../db/database.ts';

/** A session's ownership of a run; pass it to everything that writes for the session. */
export interface RunClaim {
  readonly runId: string;
  /** Random per session: the pid alone cannot tell two sessions of one app process apart. */
  readonly token: string;
}

/** This session no longer owns its run: nothing was written. The run's status is left alone. */
export class RunFencedError extends Error {
  readonly runId: string;
  constructor(runId: string, now: { pid: number | null; status: string } | undefined) {
    const who = !now
      ? 'the run was deleted'
      : now.pid !== null
        ? `pid ${now.pid}`
        : `it is now ${now.status}`;
    super(
      `run ${runId} was taken over by another session (${who}); this session's writes were refused`,
    );
    this.name = 'RunFencedError';
    this.runId = runId;
  }
}

/** Throws RunFencedError unless `claim` still owns its run. Call it inside the write's transaction. */
export function assertOwner(db: Db, claim: RunClaim): void {
  const row = db
    .prepare('SELECT owner_token AS token, owner_pid AS pid, status FROM runs WHERE id = ?')
    .get(claim.runId) as { token: string | null; pid: number | null; status: string } | undefined;
  if (row?.token !== claim.token) throw new RunFencedError(claim.runId, row);
}

/**
 * Runs `write` in one IMMEDIATE transaction that first checks the claim. IMMEDIATE takes the
 * write lock before the check: a deferred transaction would read under a snapshot that another
 * process's claim could make stale before the first write.
 */
export function fencedWrite<T>(db: Db, claim: RunClaim, write: () => T): T {
  return db
    .transaction(() => {
      assertOwner(db, claim);
      return write();
    })
    .immediate();
}
