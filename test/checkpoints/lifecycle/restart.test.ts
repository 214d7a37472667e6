/**
 * A run killed before its first checkpoint (with the default one-minute interval: any crash in a
 * run's first minute) is resumed by starting it again from its first tick under the same run id,
 * its partial outputs cleared; so is one whose every checkpoint is damaged. Real processes,
 * SIGKILL, and the export compared byte for byte with an uninterrupted run's.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';
import {
  checkpointFiles,
  useDataFolders,
  exportOf,
  runJson,
  runsOf,
  RUN_ARGS,
} from './shared-data.ts';

const folder = useDataFolders(2, 4);
let reference: Map<string, string>;

beforeAll(() => {
  const ref = folder();
  reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
}, 120_000);

/**
 * Output rows the run has committed: equity samples (256 to a commit) and bars (a chunk of up to 1024
 * bars of a series at a time, bar_chunks.count each).
 */
function storedOutput(dir: string, runId: string): number {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM equity WHERE run_id = ?)
              + (SELECT coalesce(sum(count), 0) FROM bar_chunks WHERE run_id = ?)`,
      )
      .pluck()
      .get(runId, runId) as number;
  } finally {
    db.close();
  }
}

/** Starts a run with the default checkpoint policy (first one after a minute or 1 M ticks, or at
 * the end) and SIGKILLs it once it has stored output; 1 s per 64 K-tick step keeps it short of the end. */
async function killedBeforeFirstCheckpoint(dir: string): Promise<string> {
  const proc = startCli(dir, ['run', ...RUN_ARGS], { BACKTESTR_TEST_THROTTLE_MS: '1000' });
  const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
  await waitFor(proc, () => (storedOutput(dir, runId) > 0 ? true : undefined));
  proc.child.kill('SIGKILL');
  await proc.exited;
  expect(checkpointFiles(dir, runId), 'killed before its first checkpoint').toEqual([]);
  expect(
    storedOutput(dir, runId),
    'it had stored partial output, which the restart must clear',
  ).toBeGreaterThan(0);
  return runId;
}

describe('resuming a run that has no checkpoint', () => {
  it('starts it again from its first tick under the same id; the export equals an uninterrupted run', async () => {
    const dir = folder();
    const runId = await killedBeforeFirstCheckpoint(dir);
    const r = cli(dir, ['resume', runId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ runId, status: 'completed', resumedFrom: null });
    expect(summary.forkedFrom).toBeNull();
    expect(
      runsOf(dir).map((x) => x.id),
      'no new run',
    ).toEqual([runId]);
    expect(exportOf(dir, runId)).toEqual(reference);
  }, 120_000);

  it('says so in words', async () => {
    const dir = folder();
    const runId = await killedBeforeFirstCheckpoint(dir);
    const r = cli(dir, ['resume', runId]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `run ${runId} had no usable checkpoint: started again from its first tick`,
    );
    expect(r.stdout).toContain(`run ${runId} completed`);
  }, 120_000);

  it('does the same when every checkpoint is damaged (they are moved aside first)', async () => {
    const dir = folder();
    const runId = await killedBeforeFirstCheckpoint(dir);
    const ckptDir = path.join(dir, 'runs', runId, 'checkpoints');
    fs.mkdirSync(ckptDir, { recursive: true });
    const bad = path.join(ckptDir, 'ckpt-000001-000000050000.btck');
    fs.writeFileSync(bad, 'not a checkpoint');
    const r = cli(dir, ['resume', runId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ runId, resumedFrom: null, quarantined: [`${bad}.corrupt`] });
    expect(exportOf(dir, runId)).toEqual(reference);
  }, 120_000);
});
