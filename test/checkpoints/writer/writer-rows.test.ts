/**
 * A checkpoint's run output committed by the writer thread (RunRecorder.captureForWriter): the
 * rows are in SQLite before the file has its name, and rows that cannot be committed fail the
 * write with EROWS and leave no file — the manager then stops the run instead of going on with a
 * hole in its output.
 */
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointWriter } from '../../../src/main/services/checkpoints/checkpoint-writer.ts';
import { openDatabase } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import type { RecorderWrites } from '../../../src/main/services/runs/recorder-writes.ts';
import { claimRun } from '../../../src/main/services/runs/run-ownership.ts';
import { insertRun } from '../../../src/main/services/runs/run-store.ts';
import { minimalConfig } from '../../services/minimal-config.ts';
import { useTempDir } from '../../services/temp-dir.ts';
import { snapshotLikePayload } from '../format/fixtures.ts';

const tempDir = useTempDir();
const writers: CheckpointWriter[] = [];
const T = Date.parse('2024-01-02T00:00:00Z');

beforeAll(async () => {
  await loadHasher();
});

afterEach(async () => {
  await Promise.all(writers.splice(0).map((w) => w.close()));
});

function setUp() {
  const dir = tempDir();
  const db = openDatabase(dir);
  const strategy = { name: 'ma-cross', params: {}, file: null };
  const { id } = insertRun(db, minimalConfig({ strategy }), 0);
  const claim = claimRun(db, id);
  const rows = (times: number[]): RecorderWrites => ({
    runId: id,
    bars: [],
    trades: [],
    equity: times.map((t) => [t, 10_000, 10_000, 0, 0, 0, null]),
    rejections: [],
    tally: null,
  });
  const job = (seq: number, writes: RecorderWrites) => ({
    dir,
    seq,
    ticks: seq * 1000,
    createdAt: T,
    version: 2,
    payload: snapshotLikePayload(10_000),
    fence: { ...claim, dbPath: db.name },
    rows: writes,
  });
  const equityTimes = () =>
    db.prepare('SELECT time FROM equity WHERE run_id = ? ORDER BY time').pluck().all(id);
  return { dir, db, job, rows, equityTimes };
}

describe('checkpoint writer commits the run output a checkpoint counts', () => {
  it('commits the rows, then names the file', async () => {
    const { dir, db, job, rows, equityTimes } = setUp();
    const w = await CheckpointWriter.start({ fenceDb: db.name });
    writers.push(w);
    const r = await w.write(job(1, rows([T, T + 60_000])));
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    expect(equityTimes()).toEqual([T, T + 60_000]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.btck'))).toHaveLength(1);
  });

  it('fails with EROWS and writes no file when the rows cannot be committed', async () => {
    const { dir, db, job, rows, equityTimes } = setUp();
    const w = await CheckpointWriter.start({ fenceDb: db.name });
    writers.push(w);
    expect((await w.write(job(1, rows([T])))).ok).toBe(true);
    // A second sample at the same time breaks the equity table's key: nothing of it commits.
    const r = await w.write(job(2, rows([T + 60_000, T])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('EROWS');
    expect(r.error).toMatch(/run output not committed/);
    expect(equityTimes()).toEqual([T]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.btck'))).toHaveLength(1);
  });
});
