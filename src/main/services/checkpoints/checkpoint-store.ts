import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { CheckpointTrigger } from './checkpoint-data.ts';

/** 'gc': deleted by the data folder's checkpoint budget (budget/enforce-budget.ts), not by the run. */
export type CheckpointStatus = 'valid' | 'corrupt' | 'deleted' | 'gc' | 'failed';

export interface CheckpointRow {
  runId: string;
  seq: number;
  ticks: number;
  simTime: number | null;
  wallTime: number;
  trigger: CheckpointTrigger;
  bytes: number;
  status: CheckpointStatus;
  file: string;
  pauseMs: number | null;
  writeMs: number | null;
}

/** `<data-dir>/runs/<run-id>`: everything on disk that belongs to one run. */
export function runDir(dataDir: string, runId: string): string {
  return path.join(dataDir, 'runs', runId);
}

export function checkpointsDir(dataDir: string, runId: string): string {
  return path.join(runDir(dataDir, runId), 'checkpoints');
}

const COLUMNS = `run_id AS runId, seq, ticks, sim_time AS simTime, wall_time AS wallTime, trigger, bytes,
  status, file, pause_ms AS pauseMs, write_ms AS writeMs`;

export function recordCheckpoint(db: Db, row: CheckpointRow): void {
  db.prepare(
    `INSERT OR REPLACE INTO checkpoints (run_id, seq, ticks, sim_time, wall_time, trigger, bytes, status, file, pause_ms, write_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.runId,
    row.seq,
    row.ticks,
    row.simTime,
    row.wallTime,
    row.trigger,
    row.bytes,
    row.status,
    row.file,
    row.pauseMs,
    row.writeMs,
  );
}

export function setCheckpointStatus(
  db: Db,
  runId: string,
  seq: number,
  status: CheckpointStatus,
): void {
  db.prepare('UPDATE checkpoints SET status = ? WHERE run_id = ? AND seq = ?').run(
    status,
    runId,
    seq,
  );
}

export function listCheckpointRows(db: Db, runId: string): CheckpointRow[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE run_id = ? ORDER BY seq`)
    .all(runId) as CheckpointRow[];
}
