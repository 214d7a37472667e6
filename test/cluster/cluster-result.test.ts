/**
 * A run's result travels from a worker's workspace to the submitter's data folder: a real
 * backtest in the workspace (built from the store, as a worker builds it), packed, read back,
 * adopted into the submitter's run under its claim — and `runs export` of the adopted run equals
 * the worker's and a plain local run's, byte for byte. Damaged or foreign results are refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../../src/main/services/cluster/data/job-manifest.ts';
import { shipTicks } from '../../src/main/services/cluster/data/ship-ticks.ts';
import { openWorkspace } from '../../src/main/services/cluster/data/workspace.ts';
import {
  adoptResult,
  packResult,
  readResult,
} from '../../src/main/services/cluster/result/run-result.ts';
import {
  RESULT_FORMAT_VERSION,
  type RunResult,
} from '../../src/main/services/cluster/result/result-format.ts';
import { decodeBtck, encodeBtck } from '../../src/main/services/checkpoints/btck/btck-codec.ts';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../src/main/engine/persist/plain-decode.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { claimRun, releaseRun } from '../../src/main/services/runs/run-ownership.ts';
import { getRun, insertRun, listRuns } from '../../src/main/services/runs/run-store.ts';
import { exportOf, RUN_ARGS, runJson } from '../checkpoints/lifecycle/shared-data.ts';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from '../cli/run-cli.ts';
import { prepared, storeAt, useS3 } from './cluster-data-fixture.ts';

const freshDir = useDataFolders(6, 4);
const s3 = useS3();
let submitter = '';
let workspace = '';
const KEY = 'p/runs/r/results/w-1-0.btres';

/** The submitter's folder (copy of the data) and a worker workspace built from the store. */
beforeAll(async () => {
  submitter = freshDir();
  const { db, run, ticksTotal } = await prepared(submitter);
  const manifest = buildManifest(db, submitter, run, 'any', {
    checkpoints: null,
    sweepJob: false,
    ticksTotal,
  });
  const store = storeAt(s3(), 'result');
  await shipTicks(db, store, manifest);
  const ws = await openWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), 'bt-w-')), store, manifest);
  workspace = ws.dataDir;
  ws.db.close();
  db.close();
});
afterAll(() => {
  if (workspace) fs.rmSync(path.dirname(path.dirname(workspace)), { recursive: true, force: true });
});

/** Runs `args` in the workspace; returns the run id and its packed result. */
function workerRun(args: string[]): { runId: string; bytes: Uint8Array } {
  const { runId, status } = runJson(workspace, ['run', ...args]);
  expect(status).toBe('completed');
  const db = openDatabase(workspace);
  try {
    return { runId, bytes: packResult(db, runId) };
  } finally {
    db.close();
  }
}

/** Creates the run in the submitter's folder as a ClusterRunHost does, claimed; then `fn`. */
async function asSubmitter<T>(
  runId: string,
  extra: Record<string, unknown>,
  fn: (db: Db, c: ReturnType<typeof claimRun>) => T,
) {
  const { db, run, ticksTotal } = await prepared(submitter, extra);
  insertRun(db, run.config, ticksTotal, null, runId);
  const claim = claimRun(db, runId);
  try {
    return fn(db, claim);
  } finally {
    releaseRun(db, claim);
    db.close();
  }
}

describe('run results', () => {
  it.each([
    ['bars, trades and equity', [], {}],
    ['trades only', ['--record', 'trades'], { record: ['trades'] }],
  ])(
    'an adopted result (%s) exports like the worker run and a local run',
    async (_, flags, extra) => {
      const { runId, bytes } = workerRun([...RUN_ARGS, ...flags]);
      const result = readResult(bytes, KEY);
      expect(result).toMatchObject({ runId, status: 'completed', kind: 'result' });
      const adopted = await asSubmitter(runId, extra, (db, claim) =>
        adoptResult(db, claim, result),
      );
      expect(adopted).toBe(true);
      const local = runJson(submitter, ['run', ...RUN_ARGS, ...flags]).runId;
      const mine = exportOf(submitter, runId);
      expect([...mine.keys()].length).toBeGreaterThan(1);
      expect(mine).toEqual(exportOf(workspace, runId));
      expect(mine).toEqual(exportOf(submitter, local));
      const db = openDatabase(submitter);
      expect(getRun(db, runId)).toMatchObject({ status: 'completed', ticksDone: result.ticksDone });
      db.close();
      // Adopting again changes nothing.
      const again = await (async () => {
        const d = openDatabase(submitter);
        const claim = claimRun(d, runId);
        try {
          return adoptResult(d, claim, result);
        } finally {
          releaseRun(d, claim);
          d.close();
        }
      })();
      expect(again).toBe(false);
      expect(exportOf(submitter, runId)).toEqual(mine);
    },
  );

  it('a failed run travels as failed, with its error and the output it kept', async () => {
    fs.mkdirSync(path.join(workspace, 'strategies'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'strategies', 'boom.mjs'),
      `export default { name: 'boom', description: 'throws', params: [], init() {},
         onBar(ctx, ev) { if (ev.bar.time >= Date.parse('2024-01-04')) throw new Error('kaboom'); } };`,
    );
    expect(cli(workspace, ['run', '--symbol', 'EURUSD', '--strategy', 'boom']).code).not.toBe(0);
    const wdb = openDatabase(workspace);
    const run = listRuns(wdb).find((r) => r.config.strategy?.name === 'boom')!;
    expect(run.status).toBe('failed');
    const result = readResult(packResult(wdb, run.id), KEY);
    wdb.close();
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/kaboom/) });
    // The submitter's run has the config the worker ran (the job's manifest carries it).
    const db = openDatabase(submitter);
    insertRun(db, run.config, run.ticksTotal, null, run.id);
    const claim = claimRun(db, run.id);
    expect(adoptResult(db, claim, result)).toBe(true);
    releaseRun(db, claim);
    expect(getRun(db, run.id)).toMatchObject({
      status: 'failed',
      error: run.error,
      ticksDone: run.ticksDone,
    });
    db.close();
    expect(exportOf(submitter, run.id)).toEqual(exportOf(workspace, run.id));
  });

  it('refuses a result of another run, of another config, or damaged, naming the key', async () => {
    const { runId, bytes } = workerRun([...RUN_ARGS, '--record', 'equity']);
    const result = readResult(bytes, KEY);
    await asSubmitter('other-run', { record: ['equity'] }, (db, claim) => {
      expect(() => adoptResult(db, claim, result)).toThrow(/of run .*, not of run other-run/);
    });
    await asSubmitter(runId, { record: ['trades'] }, (db, claim) => {
      expect(() => adoptResult(db, claim, result)).toThrow(/another config/);
      expect(getRun(db, runId)?.status).toBe('interrupted'); // as insertRun left it
      expect(db.prepare('SELECT count(*) FROM equity WHERE run_id = ?').pluck().get(runId)).toBe(0);
    });
    const truncated = bytes.subarray(0, bytes.length - 100);
    expect(() => readResult(truncated, KEY)).toThrow(`result ${KEY} is damaged`);
    const flipped = bytes.slice();
    flipped[40] ^= 4;
    expect(() => readResult(flipped, KEY)).toThrow(`result ${KEY} is damaged`);
    expect(() => readResult(new Uint8Array(0), KEY)).toThrow(KEY);
    // Intact containers with the wrong content: a column one value short, a checkpoint.
    const payload = decodePlain(decodeBtck(bytes, RESULT_FORMAT_VERSION).payload) as RunResult;
    payload.rows.equity.cols[1] = (payload.rows.equity.cols[1] as Float64Array).subarray(1);
    const short = encodeBtck(encodePlain(payload), {
      version: RESULT_FORMAT_VERSION,
      createdAt: 0,
    });
    expect(() => readResult(short, KEY)).toThrow(
      `result ${KEY} is not a valid run result: rows.equity.cols`,
    );
    const notAResult = encodeBtck(encodePlain({ formatVersion: 2, runId }), {
      version: RESULT_FORMAT_VERSION,
      createdAt: 0,
    });
    expect(() => readResult(notAResult, KEY)).toThrow(/kind/);
  });
});
