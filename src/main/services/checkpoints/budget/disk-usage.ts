/**
 * What the checkpoint budget is measured on: every checkpoint file of the data folder
 * (`runs/<run-id>/checkpoints/ckpt-*.btck`, quarantined `.corrupt` copies included — they take
 * space too), with the status of its run. The files are the truth, not the index rows: a row can
 * outlive its file and a file can outlive its run's row.
 *
 * Bounded and inside the data folder: only real directories and regular files are looked at (a
 * symlink is never followed, so nothing outside the folder is counted or later deleted); temps
 * (`.tmp`) are writes in flight or crash leftovers that their run removes, so not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { RunStatus } from '../../runs/run-config.ts';
import { parseCheckpointFileName } from '../btck/file-name.ts';
import { checkpointsDir } from '../checkpoint-store.ts';
import type { SpaceFile, SpaceRun } from './budget-plan.ts';

const QUARANTINED = /(\.\d+)?\.corrupt$/;

export interface CheckpointSpaceScan {
  runs: SpaceRun[];
  files: SpaceFile[];
}

export function scanCheckpointSpace(db: Db, dataDir: string): CheckpointSpaceScan {
  const rows = db
    .prepare('SELECT id, status, created_at AS createdAt, finished_at AS finishedAt FROM runs')
    .all() as { id: string; status: RunStatus; createdAt: number; finishedAt: number | null }[];
  const known = new Map(rows.map((r) => [r.id, r]));
  const files: SpaceFile[] = [];
  const runs: SpaceRun[] = [];
  for (const runId of runFolders(dataDir)) {
    const own = checkpointFiles(runId, checkpointsDir(dataDir, runId));
    if (own.length === 0) continue;
    files.push(...own);
    const row = known.get(runId);
    runs.push(
      row
        ? { runId, status: row.status, age: row.finishedAt ?? row.createdAt }
        : { runId, status: null, age: Math.max(...own.map((f) => f.mtimeMs)) },
    );
  }
  return { runs, files };
}

function runFolders(dataDir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(dataDir, 'runs'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return []; // no runs yet
  }
}

function checkpointFiles(runId: string, dir: string): SpaceFile[] {
  if (!fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (!e.isFile()) return [];
    const quarantined = QUARANTINED.test(e.name);
    const parsed = parseCheckpointFileName(e.name.replace(QUARANTINED, ''));
    if (!parsed) return [];
    const file = path.join(dir, e.name);
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return []; // deleted since the listing (the run's own retention)
    return [{ runId, seq: parsed.seq, file, bytes: st.size, mtimeMs: st.mtimeMs, quarantined }];
  });
}
