/**
 * The sweep's rows in a real SQLite file: a job's run is linked by the INSERT that creates it and
 * a job can never get a second run; the coordinator's writes are fenced by its claim (a session
 * whose sweep was claimed again writes nothing); a sweep whose owner died reads interrupted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { SweepFencedError } from '../../src/main/services/sweeps/sweep-errors.ts';
import { claimSweep } from '../../src/main/services/sweeps/sweep-ownership.ts';
import { expandPlan } from '../../src/main/services/sweeps/sweep-plan.ts';
import { readSweep } from '../../src/main/services/sweeps/sweep-read.ts';
import {
  createSweep,
  setJobError,
  setJobParams,
} from '../../src/main/services/sweeps/sweep-store.ts';
import { maCross } from '../../src/main/engine/strategy/builtin/ma-cross.ts';
import type { SweepSpec } from '../../src/shared/sweeps.ts';
import { useTempDir } from '../services/temp-dir.ts';

const tempDir = useTempDir();
let db: Db;
beforeEach(() => (db = openDatabase(tempDir())));
afterEach(() => db.close());

const SPEC: SweepSpec = {
  base: {
    symbols: ['EURUSD'],
    from: null,
    to: null,
    strategy: 'ma-cross',
    fixed: {},
    record: ['trades'],
  },
  params: [{ name: 'fast', kind: 'list', values: [3, 4] }],
  search: { kind: 'grid' },
  objective: 'net-profit',
  minTrades: 1,
  walkForward: null,
};
const CONFIG = { symbols: ['EURUSD'] } as RunConfig; // the row's config is opaque here

function newSweep() {
  return createSweep(db, expandPlan(SPEC, maCross.params, null), { workers: 1, checkpoints: null });
}

describe('sweep store', () => {
  it('links a run to its job in the INSERT and refuses a second run for the job', () => {
    const claim = newSweep();
    const run = insertRun(db, CONFIG, 0, null, undefined, { sweepId: claim.sweepId, job: 1 });
    const detail = readSweep(db, claim.sweepId)!;
    expect(detail.jobs.map((j) => [j.index, j.runId, j.status])).toEqual([
      [0, null, 'pending'],
      [1, run.id, 'interrupted'], // its run has no live owner: resumable
    ]);
    expect(() =>
      insertRun(db, CONFIG, 0, null, undefined, { sweepId: claim.sweepId, job: 1 }),
    ).toThrow(/UNIQUE constraint failed/);
    insertRun(db, CONFIG, 0); // runs outside sweeps are not affected by the index
    insertRun(db, CONFIG, 0);
  });

  it('refuses the writes of a session whose sweep was claimed again', () => {
    const first = newSweep();
    const second = claimSweep(db, first.sweepId);
    expect(() => setJobParams(db, first, 0, { fast: 9 })).toThrow(SweepFencedError);
    expect(() => setJobError(db, first, 0, 'stale')).toThrow(SweepFencedError);
    setJobError(db, second, 0, 'from the owner');
    expect(readSweep(db, first.sweepId)!.jobs[0]).toMatchObject({
      params: { fast: 3 },
      status: 'failed',
      error: 'from the owner',
    });
  });

  it('reads a running sweep whose owner process is gone as interrupted', () => {
    const claim = newSweep();
    db.prepare('UPDATE sweeps SET owner_pid = ? WHERE id = ?').run(2 ** 22 + 12345, claim.sweepId);
    expect(readSweep(db, claim.sweepId)!.status).toBe('interrupted');
  });
});
