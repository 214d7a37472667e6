/**
 * RunRecorder's equity rows go to SQLite in blocks of many rows per statement: every sample must
 * come back, in order and unchanged, whatever the block boundaries and commits cut them into.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import { storedEquity } from '../../src/main/services/runs/result-rows.ts';
import { claimRun } from '../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../src/main/services/runs/run-recorder.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { useTempDir } from './temp-dir.ts';
import { minimalConfig } from './minimal-config.ts';

const tempDir = useTempDir();
// Equity rows are stored for strategy runs only (a strategy-less curve is flat).
const CONFIG: RunConfig = minimalConfig({ strategy: { name: 'ma-cross', params: {}, file: null } });

describe('RunRecorder equity rows', () => {
  it('stores every sample in order, across blocks, batches and captures', () => {
    const db = openDatabase(tempDir());
    const { id } = insertRun(db, CONFIG, 0);
    const recorder = new RunRecorder(db, claimRun(db, id), CONFIG);
    const samples = Array.from({ length: 1_000 }, (_, i) => ({
      time: 1_700_000_000_000 + i * 60_000,
      balance: 10_000 + i / 3,
      equity: 10_000 + Math.sin(i) * 50,
      drawdown: (i * 7) % 13,
      drawdownPct: ((i * 7) % 13) / 101,
      margin: 0,
      marginLevel: null,
    }));
    samples.forEach((s, i) => {
      recorder.onEquity(s);
      if (i === 100 || i === 517) recorder.capture(); // commits of 101 and 417 rows
    });
    recorder.flush();
    expect([...storedEquity(db, id)]).toEqual(samples);
    expect(recorder.capture().watermarks.equityTime).toBe(samples[999].time);
  });
});
