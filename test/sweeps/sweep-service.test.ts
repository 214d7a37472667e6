/**
 * The service API as the backend and the bench call it, in process: planSweep counts the jobs
 * without storing anything, startSweep reports progress (done never goes back, an event at every
 * job's end, a last one saying completed), and what readSweep/listSweeps/resumeSweep say of it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepProgressEvent, SweepSpec } from '../../src/shared/sweeps.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { generateSymbolTicks } from '../../src/main/services/ticks/generate-service.ts';
import {
  listSweeps,
  planSweep,
  readSweep,
  resumeSweep,
  startSweep,
  SweepInputError,
} from '../../src/main/services/sweeps/sweep-service.ts';
let dir: string;
let db: Db;

const SPEC: SweepSpec = {
  base: {
    symbols: ['EURUSD'],
    from: null,
    to: null,
    strategy: 'ma-cross',
    fixed: { timeframe: 'M15', trendTimeframe: 'H1', trendPeriod: 5 },
    record: ['trades', 'equity'],
  },
  params: [{ name: 'fast', kind: 'list', values: [3, 4, 5] }],
  search: { kind: 'grid' },
  objective: 'profit-factor',
  minTrades: 1,
  walkForward: null,
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-sweep-')); // one folder for the file
  db = openDatabase(dir);
  await generateSymbolTicks(db, {
    symbol: 'EURUSD',
    start: Date.UTC(2024, 0, 1),
    days: 1,
    seed: 3,
  });
}, 60_000);
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sweep service', () => {
  it('plans without storing: job and window counts', async () => {
    expect(await planSweep(db, dir, SPEC)).toEqual({ jobs: 3, windows: 0 });
    await expect(
      planSweep(db, dir, { ...SPEC, base: { ...SPEC.base, strategy: 'nope' } }),
    ).rejects.toThrow(SweepInputError);
    expect(listSweeps(db)).toEqual([]);
  });

  it('reports progress until the last job, then completed; resume of it is refused', async () => {
    const events: SweepProgressEvent[] = [];
    let started: string | null = null;
    const detail = await startSweep(db, dir, SPEC, {
      workers: 2,
      checkpoints: null,
      onStart: (id) => (started = id),
      onProgress: (e) => events.push(e),
    });
    expect(detail.id).toBe(started);
    expect(detail.jobs.map((j) => j.error)).toEqual([null, null, null]);
    expect(detail.status).toBe('completed');
    expect(detail.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    const done = events.map((e) => e.jobsDone);
    expect(done, 'never goes back').toEqual([...done].sort((a, b) => a - b));
    for (const n of [1, 2, 3]) expect(done, `an event once ${n} jobs are done`).toContain(n);
    expect(Math.max(...events.map((e) => e.jobsRunning))).toBeLessThanOrEqual(2);
    expect(events.at(-1)).toMatchObject({ status: 'completed', jobsDone: 3, jobsRunning: 0 });
    expect(events.every((e) => e.sweepId === detail.id && e.jobsTotal === 3)).toBe(true);

    expect(readSweep(db, detail.id)).toEqual(detail);
    expect(readSweep(db, 'sw-20240101-000000-0000')).toBeNull();
    expect(listSweeps(db).map((s) => [s.id, s.status, s.jobsDone])).toEqual([
      [detail.id, 'completed', 3],
    ]);
    await expect(resumeSweep(db, dir, detail.id, { checkpoints: null })).rejects.toThrow(
      /is completed; nothing to resume/,
    );
  });
});
