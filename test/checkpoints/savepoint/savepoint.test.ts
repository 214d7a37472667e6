/**
 * Savepoints through the real CLI: `checkpoints export` in one data folder, `resume --checkpoint
 * FILE` in another that holds the same ticks and nothing else. The run is recreated there under
 * its own id and finishes with the export of an uninterrupted run; a second resume of the same
 * file forks; a folder with other ticks refuses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../../src/main/services/checkpoints/checkpoint-reader.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { cli } from '../../cli/run-cli.ts';
import {
  dataFolder,
  exportOf,
  killedRun,
  RUN_ARGS,
  runJson,
  runsOf,
  useDataFolders,
} from '../lifecycle/shared-data.ts';

const freshFolder = useDataFolders();
const others: string[] = [];
afterAll(() => others.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('savepoint: checkpoints export, then resume --checkpoint FILE elsewhere', () => {
  it('moves an interrupted run to another data folder and finishes it exactly there', async () => {
    await loadHasher();
    const here = freshFolder();
    const there = freshFolder(); // the same ticks, no runs
    const runId = await killedRun(here, 3);
    const file = path.join(here, 'moved.btck');

    const exported = cli(here, ['checkpoints', 'export', runId, '--out', file, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const summary = JSON.parse(exported.stdout);
    expect(summary).toMatchObject({ runId, file });
    expect(summary.rows.bars).toBeGreaterThan(0);
    expect(fs.statSync(file).mode & 0o777, 'private: it holds strategy state').toBe(0o600);
    const d = readCheckpointFile(file).data;
    expect(d.history).toBe('embedded');
    expect(d.meta.trigger).toBe('savepoint');
    expect(d.watermarks.tradeSeq).toBe(0);

    const again = cli(here, ['checkpoints', 'export', runId, '--out', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    const forced = cli(here, ['checkpoints', 'export', runId, '--out', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);

    const resumed = runJson(there, ['resume', '--checkpoint', file, '--no-checkpoints']);
    expect(resumed).toMatchObject({ runId, status: 'completed', forkedFrom: null });
    expect(resumed.resumedFrom).toMatchObject({ runId, seq: summary.seq, ticks: summary.ticks });
    const straight = runJson(there, ['run', ...RUN_ARGS, '--no-checkpoints']);
    const reference = exportOf(there, straight.runId);
    expect(reference.has('trades.csv') && reference.has('EURUSD_M1.csv')).toBe(true);
    expect(exportOf(there, runId)).toEqual(reference);

    // The run is there now: the same savepoint forks it instead of overwriting it.
    const fork = runJson(there, ['resume', '--checkpoint', file, '--no-checkpoints']);
    expect(fork.forkedFrom).toBe(runId);
    expect(fork.runId).not.toBe(runId);
    expect(exportOf(there, fork.runId)).toEqual(reference);
  }, 300_000);

  it('is refused, clearly and without leaving a run, where the ticks differ', async () => {
    await loadHasher();
    const here = freshFolder();
    const elsewhere = dataFolder(6, 9); // other ticks under the same symbol
    others.push(elsewhere);
    const runId = await killedRun(here, 2);
    const file = path.join(here, 'moved.btck');
    expect(cli(here, ['checkpoints', 'export', runId, '1', '--out', file]).code).toBe(0);
    const r = cli(elsewhere, ['resume', '--checkpoint', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /ticks stored here for EURUSD are not those savepoint .* was taken on/,
    );
    expect(runsOf(elsewhere)).toEqual([]);
  }, 300_000);

  it("refuses a plain 'store' checkpoint in a folder without its run, pointing to export", async () => {
    await loadHasher();
    const here = freshFolder();
    const there = freshFolder();
    const runId = await killedRun(here, 1);
    const ckpt = path.join(here, 'runs', runId, 'checkpoints');
    const file = path.join(
      ckpt,
      fs.readdirSync(ckpt).find((f) => f.endsWith('.btck'))!,
    );
    const r = cli(there, ['resume', '--checkpoint', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not in this data folder.*backtestr checkpoints export/s);
    expect(runsOf(there)).toEqual([]);
  }, 300_000);
});
