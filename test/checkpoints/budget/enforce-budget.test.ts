/**
 * One budget pass over real files and a real database: what it counts, what it deletes, what it
 * never touches (temps, symlinked files, an unfinished run's newest intact checkpoint) and the
 * index rows it marks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointFileName,
  encodeBtck,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import { enforceCheckpointBudget } from '../../../src/main/services/checkpoints/budget/enforce-budget.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import {
  listCheckpointRows,
  recordCheckpoint,
} from '../../../src/main/services/checkpoints/checkpoint-store.ts';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { setSetting } from '../../../src/main/services/settings/settings-store.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();
beforeAll(() => loadHasher());

/** A run row and `n` intact checkpoint files with valid index rows, seq 1..n. */
function runWith(
  db: Db,
  dataDir: string,
  runId: string,
  status: string,
  createdAt: number,
  n: number,
): string[] {
  db.prepare('INSERT INTO runs (id, created_at, status, config) VALUES (?, ?, ?, ?)').run(
    runId,
    createdAt,
    status,
    '{}',
  );
  const dir = path.join(dataDir, 'runs', runId, 'checkpoints');
  fs.mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const seq = i + 1;
    const name = checkpointFileName(seq, seq * 1000);
    const bytes = encodeBtck(new Uint8Array(2000).fill(seq), {
      version: CHECKPOINT_FORMAT_VERSION,
      createdAt: createdAt + seq,
    });
    fs.writeFileSync(path.join(dir, name), bytes);
    recordCheckpoint(db, {
      runId,
      seq,
      ticks: seq * 1000,
      simTime: null,
      wallTime: createdAt + seq,
      trigger: 'ticks',
      bytes: bytes.length,
      status: 'valid',
      file: name,
      pauseMs: null,
      writeMs: null,
    });
    return path.join(dir, name);
  });
}

describe('enforceCheckpointBudget', () => {
  it('deletes completed runs first, keeps the newest intact checkpoint of an unfinished run, touches nothing else', () => {
    const dataDir = tempDir();
    const outside = tempDir();
    const db = openDatabase(dataDir);
    const done = runWith(db, dataDir, 'done', 'completed', 1000, 3);
    const live = runWith(db, dataDir, 'live', 'interrupted', 500, 3);
    fs.writeFileSync(live[2], 'torn write'); // its newest is damaged: seq 2 is the resume point
    const liveDir = path.dirname(live[0]);
    const temp = path.join(liveDir, checkpointFileName(4, 4000) + '.tmp');
    fs.writeFileSync(temp, Buffer.alloc(5000));
    const target = path.join(outside, 'precious.btck');
    fs.writeFileSync(target, Buffer.alloc(9000));
    fs.symlinkSync(target, path.join(liveDir, checkpointFileName(9, 9000)));
    setSetting(db, 'checkpointBudgetBytes', 0);

    const dry = enforceCheckpointBudget(db, dataDir, { dryRun: true });
    expect(dry.files, 'the .tmp and the symlink are not counted').toBe(6);
    for (const f of [...done, ...live]) expect(fs.existsSync(f), `dry run keeps ${f}`).toBe(true);

    const r = enforceCheckpointBudget(db, dataDir);
    expect(r.deleted.map((f) => `${f.runId}#${f.seq}`)).toEqual(
      dry.deleted.map((f) => `${f.runId}#${f.seq}`),
    );
    expect(r.deleted.map((f) => `${f.runId}#${f.seq}`)).toEqual([
      'done#1',
      'done#2',
      'done#3',
      'live#1',
    ]);
    expect(r.protectedFiles.map((f) => f.seq)).toEqual([3, 2]);
    expect(fs.existsSync(live[1]), 'resume point kept').toBe(true);
    expect(fs.existsSync(live[2]), 'damaged newest left for the resume to quarantine').toBe(true);
    expect(fs.existsSync(temp), 'a write in flight is never touched').toBe(true);
    expect(fs.existsSync(target), 'nothing outside the data folder is touched').toBe(true);
    expect(r.afterBytes).toBe(fs.statSync(live[1]).size + fs.statSync(live[2]).size);

    const statuses = (runId: string) => listCheckpointRows(db, runId).map((row) => row.status);
    expect(statuses('done')).toEqual(['gc', 'gc', 'gc']);
    expect(statuses('live')).toEqual(['gc', 'valid', 'valid']);
    expect(enforceCheckpointBudget(db, dataDir).deleted, 'nothing more to take').toEqual([]);
    db.close();
  });

  it('counts and deletes quarantined copies, and folders whose run row is gone', () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const [kept] = runWith(db, dataDir, 'paused', 'paused', 100, 1);
    const corrupt = `${kept.replace('000001', '000000')}.corrupt`;
    fs.writeFileSync(corrupt, Buffer.alloc(3000));
    const orphanDir = path.join(dataDir, 'runs', 'discarded', 'checkpoints');
    fs.mkdirSync(orphanDir, { recursive: true });
    const orphan = path.join(orphanDir, checkpointFileName(1, 1000));
    fs.writeFileSync(orphan, Buffer.alloc(4000));
    setSetting(db, 'checkpointBudgetBytes', 0);

    const r = enforceCheckpointBudget(db, dataDir);
    expect(r.files).toBe(3);
    expect(r.deleted.map((f) => f.file)).toEqual([orphan, corrupt]);
    expect(fs.existsSync(kept)).toBe(true);
    db.close();
  });
});
