/**
 * The checkpoint writer's side of fencing (run-fence.ts): a checkpoint file must never appear in
 * a run's folder for a session that no longer owns the run — a stalled session woken up after a
 * takeover would otherwise put a file of its own timeline among the new owner's, and a later
 * resume could pick it while the rows it counts on were never committed. The writer thread holds
 * SQLite's write lock, with the claim checked under it, just for the rename that gives the file
 * its name: no claim can change in between. It uses its own connection (one per database
 * file), so the engine thread is never involved.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Db } from '../db/database.ts';
import { assertOwner, type RunClaim } from '../runs/run-fence.ts';

/** What a checkpoint job carries to be fenced: the session's claim and where the database is. */
export interface WriteFence extends RunClaim {
  dbPath: string;
}

const connections = new Map<string, Db>();

/** The writer's connection to `dbPath`, opened on first use (or ahead, at the writer's start). */
export function fenceConnection(dbPath: string): Db {
  let db = connections.get(dbPath);
  if (!db) {
    db = new Database(dbPath, { fileMustExist: true });
    db.pragma('busy_timeout = 10000'); // wait for other writers, as every connection does
    // As the engine thread's connection (database.ts): it also commits run output (job.rows).
    db.pragma('synchronous = NORMAL');
    connections.set(dbPath, db);
  }
  return db;
}

/**
 * Renames `tmp` to `final` while holding the write lock with the claim checked under it; throws
 * RunFencedError (and renames nothing) if the run has another owner now. All synchronous, so the
 * lock is held for one rename syscall: a process stopped while holding it would block every
 * other writer of the database.
 */
export function renameFenced(fence: WriteFence, tmp: string, final: string): void {
  const db = fenceConnection(fence.dbPath);
  db.transaction(() => {
    assertOwner(db, fence);
    fs.renameSync(tmp, final);
  }).immediate();
}
