import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../../src/main/services/checkpoints/checkpoint-reader.ts';
import { openDatabase } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { insertRun } from '../../../src/main/services/runs/run-store.ts';
import { exportOf, generateEurusd, runJson } from '../lifecycle/shared-data.ts';

const FIXTURE = path.resolve(
  import.meta.dirname,
  '../../fixtures/checkpoints/v1/ckpt-v1-ma-cross.btck',
);
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('checkpoint format 1 fixture (committed, written by BackTestr 0.1.0)', () => {
  it('still reads: header, versions and cursor', async () => {
    await loadHasher();
    const c = readCheckpointFile(FIXTURE);
    expect(c.header.version).toBe(1);
    expect(c.data.appVersion).toBe('0.1.0');
    expect(c.data.cursor).toEqual([400_000]);
    expect(c.data.config.strategy?.name).toBe('ma-cross');
  });

  it('still resumes: continuing from it gives the export of an uninterrupted run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-v1-'));
    made.push(dir);
    generateEurusd(dir, 3, 7);
    // The fixture's run is of a version without broker settings, and a new run always has them:
    // the uninterrupted reference is that same legacy config, stored as the old version stored it
    // and run from its first tick by `resume` (a run without checkpoints restarts).
    const { data } = readCheckpointFile(FIXTURE);
    const db = openDatabase(dir);
    const legacy = insertRun(db, data.config, data.ticksTotal);
    db.close();
    const straight = runJson(dir, ['resume', legacy.id, '--no-checkpoints']);
    expect(straight.runId).toBe(legacy.id);
    const resumed = runJson(dir, [
      'resume',
      straight.runId,
      '--checkpoint',
      FIXTURE,
      '--no-checkpoints',
    ]);
    expect(resumed.forkedFrom).toBe(straight.runId);
    expect(resumed.resumedFrom).toMatchObject({ seq: 2, ticks: 400_000 });
    // Trades the fixture closed but had not committed travel in it as pending rows, and a
    // version-1 row has no MAE/MFE: those trades export 0 for them (migration 2 → 3), the rest
    // of every file is the uninterrupted run's, byte for byte.
    const pending = readCheckpointFile(FIXTURE).data.pending.trades.map((r) => String(r[1]));
    expect(pending.length).toBeGreaterThan(0);
    const withoutExcursions = (c: string[]) => [...c.slice(0, -6), ...c.slice(-2)];
    const excursionsOfPending = (files: Map<string, string>, mask: boolean) => {
      const lines = files.get('trades.csv')!.split('\n');
      const cut = lines.map((l) => l.split(',')).filter((c) => pending.includes(c[0]));
      if (mask) {
        const masked = lines.map((l) =>
          // The excursions are cut out; the stops after them (none in this run) stay compared.
          pending.includes(l.split(',')[0]) ? withoutExcursions(l.split(',')).join() : l,
        );
        files.set('trades.csv', masked.join('\n'));
      }
      return cut.map((c) => c.slice(-6, -2));
    };
    const fromResumed = exportOf(dir, resumed.runId);
    const fromStraight = exportOf(dir, straight.runId);
    expect(excursionsOfPending(fromResumed, true)).toEqual(pending.map(() => ['0', '0', '0', '0']));
    excursionsOfPending(fromStraight, true);
    expect(fromResumed).toEqual(fromStraight);
  });
});
