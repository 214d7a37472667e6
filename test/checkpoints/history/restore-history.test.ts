/**
 * A 'store' checkpoint keeps no bar history; restore rebuilds it from the run's bar store
 * (restore-history.ts). The witness is the same work run as 'embedded' (a run that does not
 * record bars carries its histories in the file): at every checkpoint, the rebuilt histories
 * must equal the embedded ones bit for bit, NaN included. And the 'embedded' run itself must
 * resume exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { CheckpointData } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import { readCheckpointFile } from '../../../src/main/services/checkpoints/checkpoint-reader.ts';
import { checkpointsDir } from '../../../src/main/services/checkpoints/checkpoint-store.ts';
import { withHistories } from '../../../src/main/services/checkpoints/restore-history.ts';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { exportRun } from '../../../src/main/services/runs/export-service.ts';
import { resumeRun } from '../../../src/main/services/runs/resume-service.ts';
import { runBacktest, type RunRequest } from '../../../src/main/services/runs/run-service.ts';
import { generateSymbolTicks } from '../../../src/main/services/ticks/generate-service.ts';
import { copyFolder, dataFolder } from '../lifecycle/shared-data.ts';

const REQUEST: RunRequest = {
  symbols: ['EURUSD', 'GBPUSD'],
  strategy: 'ma-cross',
  paramArgs: ['timeframe=M5', 'trendTimeframe=H1', 'trendPeriod=10'],
  indicators: ['rsi(14)', 'bbands(20,2)'],
  historySize: 300,
};
const POLICY = { intervalMs: 0, everyTicks: 150_000, keep: 100, level: 3 };

let dir: string;
let db: Db;
let storeRun: string;
let embeddedRun: string;

function checkpointsOf(runId: string): CheckpointData[] {
  const d = checkpointsDir(dir, runId);
  return fs
    .readdirSync(d)
    .filter((f) => f.endsWith('.btck'))
    .sort()
    .map((f) => readCheckpointFile(path.join(d, f)).data);
}

function exported(runId: string): Map<string, string> {
  const out = fs.mkdtempSync(path.join(dir, 'export-'));
  const files = exportRun(db, runId, out);
  return new Map(files.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')]));
}

const bytesOf = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

beforeAll(async () => {
  await loadHasher();
  const base = dataFolder(4, 6);
  dir = copyFolder(base);
  fs.rmSync(base, { recursive: true, force: true });
  db = openDatabase(dir);
  await generateSymbolTicks(db, {
    symbol: 'GBPUSD',
    start: Date.parse('2024-01-01'),
    days: 4,
    seed: 7,
  });
  storeRun = (await runBacktest(db, dir, REQUEST, { checkpoints: POLICY })).runId;
  const noBars: RunRequest = { ...REQUEST, record: ['trades', 'equity'] };
  embeddedRun = (await runBacktest(db, dir, noBars, { checkpoints: POLICY })).runId;
}, 240_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("'store' checkpoints: histories rebuilt from the bar store", () => {
  it('hold no history rows in the file, only their count and oldest time', () => {
    const all = checkpointsOf(storeRun);
    expect(all.length).toBeGreaterThan(3);
    for (const d of all) {
      expect(d.history).toBe('store');
      for (const row of d.state.engine.histories)
        for (const h of row) expect(h.rows.length, `seq ${d.seq}`).toBe(0);
    }
    expect(
      all
        .at(-1)!
        .historyRows.flat()
        .reduce((a, b) => a + b, 0),
    ).toBeGreaterThan(0);
  });

  it("rebuild each history bit for bit as the 'embedded' run of the same work carries it", () => {
    const store = checkpointsOf(storeRun);
    // Same ticks, same state: checkpoints are matched by their tick count.
    const embedded = new Map(checkpointsOf(embeddedRun).map((d) => [d.ticks, d]));
    let rows = 0;
    let nans = 0;
    let compared = 0;
    for (const d of store) {
      const witness = embedded.get(d.ticks);
      if (witness === undefined) continue;
      expect(witness.history, `seq ${d.seq}`).toBe('embedded');
      const rebuilt = withHistories(db, d);
      expect(rebuilt.problems).toEqual([]);
      expect(rebuilt.data.history).toBe('embedded');
      compared++;
      rebuilt.data.state.engine.histories.forEach((row, s) =>
        row.forEach((h, k) => {
          const want = witness.state.engine.histories[s][k].rows;
          expect(bytesOf(h.rows).equals(bytesOf(want)), `seq ${d.seq} [${s}][${k}]`).toBe(true);
          rows += h.rows.length / h.width;
          nans += want.filter(Number.isNaN).length;
        }),
      );
    }
    expect(compared, 'checkpoints compared').toBeGreaterThan(3);
    expect(rows).toBeGreaterThan(1000);
    expect(nans, 'warm-up NaNs compared too').toBeGreaterThan(0);
  });
});

describe("'embedded' checkpoints (a run that does not record bars)", () => {
  it('resume exactly: a fork from a mid-run checkpoint ends with the same export', async () => {
    const stored = db
      .prepare('SELECT COUNT(*) FROM bars WHERE run_id = ?')
      .pluck()
      .get(embeddedRun);
    expect(stored, 'a run recording trades and equity only stores no bars').toBe(0);
    const all = checkpointsOf(embeddedRun);
    const mid = all[Math.floor(all.length / 2)];
    expect(mid.ticks).toBeLessThan(mid.ticksTotal);
    const resumed = await resumeRun(db, dir, { runId: embeddedRun, checkpoint: mid.seq });
    expect(resumed.forkedFrom).toBe(embeddedRun);
    expect(resumed.resumedFrom).toMatchObject({ seq: mid.seq, ticks: mid.ticks });
    expect(exported(resumed.runId)).toEqual(exported(embeddedRun));
  });

  it("resume the 'store' run exactly too, from the same point", async () => {
    const mid = checkpointsOf(storeRun)[Math.floor(checkpointsOf(storeRun).length / 2)];
    const resumed = await resumeRun(db, dir, { runId: storeRun, checkpoint: mid.seq });
    expect(resumed.forkedFrom).toBe(storeRun);
    expect(exported(resumed.runId)).toEqual(exported(storeRun));
  });
});
