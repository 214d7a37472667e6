/**
 * A sweep has one owner at a time, claimed like a run (runs/run-ownership.ts): the owner's pid, a
 * random token per session and a heartbeat on the sweep's row. Every write the coordinator makes
 * for its sweep checks the token in the same IMMEDIATE transaction (as run-fence.ts does), so a
 * stalled coordinator whose sweep was taken over cannot overwrite the new owner's choices. The
 * coordinator never runs strategy code (jobs run in their own worker threads), so a plain timer
 * on its thread keeps the heartbeat going.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import {
  heartbeatIntervalMs,
  markDeadOwnersInterrupted,
  ownerAlive,
  releaseOwner,
} from '../runs/run-ownership.ts';
import { SweepBusyError, SweepFencedError } from './sweep-errors.ts';

export interface SweepClaim {
  readonly sweepId: string;
  readonly token: string;
}

export function newSweepToken(): string {
  return randomBytes(12).toString('hex');
}

/** Takes the sweep for a new session; refused while another live process owns it. */
export function claimSweep(db: Db, sweepId: string): SweepClaim {
  const claim = { sweepId, token: newSweepToken() };
  db.transaction(() => {
    const row = db
      .prepare('SELECT owner_pid AS pid, heartbeat_at AS hb FROM sweeps WHERE id = ?')
      .get(sweepId) as { pid: number | null; hb: number | null } | undefined;
    if (!row) throw new Error(`no sweep '${sweepId}' (backtestr sweeps list shows the sweeps)`);
    if (row.pid !== null && ownerAlive(row.pid, row.hb) && row.pid !== process.pid)
      throw new SweepBusyError(sweepId, row.pid);
    db.prepare(
      `UPDATE sweeps SET owner_pid = ?, owner_token = ?, heartbeat_at = ?, status = 'running',
         error = NULL, finished_at = NULL WHERE id = ?`,
    ).run(process.pid, claim.token, Date.now(), sweepId);
  }).immediate();
  return claim;
}

/** Runs `write` only if `claim` still owns its sweep, in one IMMEDIATE transaction. */
export function fencedSweepWrite<T>(db: Db, claim: SweepClaim, write: () => T): T {
  return db
    .transaction(() => {
      const row = db
        .prepare('SELECT owner_token AS token FROM sweeps WHERE id = ?')
        .get(claim.sweepId) as { token: string | null } | undefined;
      if (row?.token !== claim.token) throw new SweepFencedError(claim.sweepId);
      return write();
    })
    .immediate();
}

/** Beats every heartbeatIntervalMs(); `onLost` once if the claim is gone. Returns the stopper. */
export function startSweepHeartbeat(db: Db, claim: SweepClaim, onLost: () => void): () => void {
  const timer = setInterval(() => {
    const beat = db
      .prepare('UPDATE sweeps SET heartbeat_at = ? WHERE id = ? AND owner_token = ?')
      .run(Date.now(), claim.sweepId, claim.token);
    if (beat.changes === 0) {
      clearInterval(timer);
      onLost();
    }
  }, heartbeatIntervalMs());
  timer.unref();
  return () => clearInterval(timer);
}

export function releaseSweep(db: Db, claim: SweepClaim): void {
  releaseOwner(db, 'sweeps', claim.sweepId, claim.token);
}

/** Sweeps recorded as running whose owner died (SIGKILL, crash) become 'interrupted'. */
export function markDeadSweepsInterrupted(db: Db, sweepId?: string): void {
  markDeadOwnersInterrupted(db, 'sweeps', sweepId);
}
