import { describe, expect, it } from 'vitest';
import { allocTickBatch } from '../../src/main/engine/data/tick-batch.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { runBacktest } from '../../src/main/services/runs/run-service.ts';
import { getRun, listRuns } from '../../src/main/services/runs/run-store.ts';
import { TickWriter } from '../../src/main/services/ticks/tick-writer.ts';
import { cli } from '../cli/run-cli.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();

/**
 * Stores ticks the way a version without the time range did: straight through the writer, which
 * (unlike every CSV reader and the generator today) does not check the range.
 */
async function storeRaw(dir: string, times: number[]) {
  await loadHasher();
  const db = openDatabase(dir);
  const batch = allocTickBatch(times.length, false);
  times.forEach((t, i) => {
    batch.ts[i] = t;
    batch.bid[i] = 1.1;
    batch.ask[i] = 1.1002;
  });
  batch.length = times.length;
  const writer = new TickWriter(db, 'EPOCH', false, false);
  writer.add(batch);
  writer.commit();
  return db;
}

describe('a run never ends completed without consuming the ticks it was given', () => {
  it('fails, saying 0 of 10, when its stored ticks (epoch 9e15) cannot be read back', async () => {
    const dir = tempDir();
    const db = await storeRaw(
      dir,
      Array.from({ length: 10 }, (_, i) => 9e15 + i * 1000),
    );
    await expect(runBacktest(db, dir, { symbols: ['EPOCH'], timeframes: ['M1'] })).rejects.toThrow(
      /processed 0 of its 10 ticks and its tick data then ended/,
    );
    const [run] = listRuns(db);
    expect(getRun(db, run.id), 'the run is failed, not completed').toMatchObject({
      status: 'failed',
      ticksDone: 0,
      ticksTotal: 10,
    });
    expect(getRun(db, run.id)!.error).toMatch(/0 of its 10 ticks/);
    db.close();
    const list = cli(dir, ['data', 'list', '--json']);
    expect(list.code, `data list on such a database: ${list.stderr}`).toBe(0);
    expect(JSON.parse(list.stdout)[0]).toMatchObject({ first: '9000000000000000' });
  });

  it('still completes a run whose ticks are all in range', async () => {
    const dir = tempDir();
    const db = await storeRaw(dir, [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 1)]);
    const s = await runBacktest(db, dir, { symbols: ['EPOCH'], timeframes: ['M1'] });
    expect(s).toMatchObject({ status: 'completed', ticks: 2 });
  });
});
