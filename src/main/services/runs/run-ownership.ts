import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { RunClaim } from './run-fence.ts';

/** Another live process is running this run. */
export class RunBusyError extends Error {
  constructor(runId: string, pid: number) {
    super(
      `run ${runId} is being run by process ${pid}; stop it first (two processes must never run one run)`,
    );
    this.name = 'RunBusyError';
  }
}

/** Default of ownerStaleMs(): a minute without a heartbeat. */
const DEFAULT_OWNER_STALE_MS = 60_000;

/**
 * How long a run's owner may stay silent before it counts as dead (then `runs list` shows the run
 * interrupted and another process may take it over). BACKTESTR_HEARTBEAT_STALE_MS overrides it, so
 * tests can watch a takeover within seconds; read at every call, never cached.
 */
export function ownerStaleMs(): number {
  const n = Number(process.env.BACKTESTR_HEARTBEAT_STALE_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_OWNER_STALE_MS;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Whether the recorded owner of a run is a live process that has shown signs of life lately. */
export function ownerAlive(
  ownerPid: number | null,
  heartbeatAt: number | null,
  now = Date.now(),
): boolean {
  if (ownerPid === null) return false;
  if (ownerPid === process.pid) return true;
  // A recycled pid keeps answering kill(0): a stale heartbeat tells the two apart.
  return pidAlive(ownerPid) && heartbeatAt !== null && now - heartbeatAt < ownerStaleMs();
}

/**
 * Takes ownership of a run for a new session, atomically across processes: the check and the
 * claim happen inside one write transaction, so two resumes racing for one run cannot both win.
 * The fresh token fences every later write of the session (run-fence.ts); any earlier session's
 * token stops matching here, even one of this same process.
 */
export function claimRun(db: Db, runId: string): RunClaim {
  const claim = { runId, token: randomBytes(12).toString('hex') };
  db.transaction(() => {
    const row = db
      .prepare('SELECT owner_pid AS pid, heartbeat_at AS hb FROM runs WHERE id = ?')
      .get(runId) as { pid: number | null; hb: number | null } | undefined;
    if (!row) throw new Error(`no run '${runId}'`);
    if (row.pid !== null && row.pid !== process.pid && ownerAlive(row.pid, row.hb))
      throw new RunBusyError(runId, row.pid);
    db.prepare('UPDATE runs SET owner_pid = ?, owner_token = ?, heartbeat_at = ? WHERE id = ?').run(
      process.pid,
      claim.token,
      Date.now(),
      runId,
    );
  }).immediate();
  return claim;
}

/** How often a session beats: well inside the staleness window, at most once a second. */
export function heartbeatIntervalMs(): number {
  return Math.max(50, Math.min(1000, Math.floor(ownerStaleMs() / 8)));
}

/** Records a sign of life; false when the claim is lost (then nothing was written). */
export function heartbeat(db: Db, claim: RunClaim, now = Date.now()): boolean {
  return (
    db
      .prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ? AND owner_token = ?')
      .run(now, claim.runId, claim.token).changes > 0
  );
}

/** Gives the run up, if this claim still holds it (a session that lost it has nothing to give). */
export function releaseRun(db: Db, claim: RunClaim): void {
  releaseOwner(db, 'runs', claim.runId, claim.token);
}

/**
 * The tables whose rows are owned by one live process at a time, with the same owner_pid,
 * owner_token, heartbeat_at and status columns: runs, and sweeps (services/sweeps), which are
 * claimed the same way. A closed set: the name goes into SQL text.
 */
export type OwnedTable = 'runs' | 'sweeps';

/** Gives a row up, if `token` still holds it. */
export function releaseOwner(db: Db, table: OwnedTable, id: string, token: string): void {
  db.prepare(
    `UPDATE ${table} SET owner_pid = NULL, owner_token = NULL WHERE id = ? AND owner_token = ?`,
  ).run(id, token);
}

/**
 * Runs recorded as running whose owner is gone (crash, SIGKILL, power loss) become
 * 'interrupted' — all of them, or just `runId`. Called whenever runs are read, so every client
 * sees the truth.
 */
export function markDeadRunsInterrupted(db: Db, runId?: string): void {
  markDeadOwnersInterrupted(db, 'runs', runId);
}

/** markDeadRunsInterrupted for any OwnedTable: its 'running' rows whose owner is gone. */
export function markDeadOwnersInterrupted(db: Db, table: OwnedTable, id?: string): void {
  const rows = db
    .prepare(
      `SELECT id, owner_pid AS pid, heartbeat_at AS hb FROM ${table}
       WHERE status = 'running' AND (? IS NULL OR id = ?)`,
    )
    .all(id ?? null, id ?? null) as { id: string; pid: number | null; hb: number | null }[];
  for (const r of rows) {
    if (ownerAlive(r.pid, r.hb)) continue;
    // Only if nothing moved since the read: a beat or a new claim in between means it lives.
    db.prepare(
      `UPDATE ${table} SET status = 'interrupted', owner_pid = NULL, owner_token = NULL
       WHERE id = ? AND status = 'running' AND owner_pid IS ? AND heartbeat_at IS ?`,
    ).run(r.id, r.pid, r.hb);
  }
}
