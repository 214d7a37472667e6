/**
 * `backtestr sweep` through the real CLI: every job is a normal run (its export equals a
 * stand-alone `run` with the same params, byte for byte), the number of workers changes nothing
 * in the results, and a job whose strategy throws at one param value is recorded failed with its
 * message while the others complete and the sweep exits 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOf, runJson, useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from '../cli/run-cli.ts';
import { BASE_ARGS, jobResults, sweepJson, SWEPT_ARGS, type SweepJson } from './helpers.ts';

const folder = useDataFolders(2, 4);
let dir: string;
let twoWorkers: SweepJson;

beforeAll(() => {
  dir = folder();
  twoWorkers = sweepJson(dir, [
    'sweep',
    ...BASE_ARGS,
    ...SWEPT_ARGS,
    '--workers',
    '2',
    '--no-checkpoints',
  ]);
}, 120_000);

describe('backtestr sweep', () => {
  it('runs every grid point as a completed run, in grid order', () => {
    expect(twoWorkers.status).toBe('completed');
    expect(twoWorkers.jobs.map((j) => [j.index, j.params, j.status])).toEqual([
      [0, { fast: 3, slow: 8 }, 'completed'],
      [1, { fast: 3, slow: 12 }, 'completed'],
      [2, { fast: 5, slow: 8 }, 'completed'],
      [3, { fast: 5, slow: 12 }, 'completed'],
    ]);
    expect(
      twoWorkers.jobs.every((j) => (j.stats?.trades ?? 0) > 0),
      'jobs trade',
    ).toBe(true);
    expect(twoWorkers.jobs.map((j) => j.objective)).toEqual(
      twoWorkers.jobs.map((j) => j.stats!.netProfit),
    );
    const best = Math.max(...twoWorkers.jobs.map((j) => j.objective!));
    expect(twoWorkers.bestJob).toBe(twoWorkers.jobs.findIndex((j) => j.objective === best));
  });

  it("a job's export equals a stand-alone run's with the same params", () => {
    const job = twoWorkers.jobs[2]!;
    const alone = runJson(dir, [
      'run',
      ...BASE_ARGS,
      '--param',
      'fast=5',
      '--param',
      'slow=8',
      '--record',
      'trades,equity',
      '--no-checkpoints',
    ]);
    expect(alone.stats).toEqual(job.stats);
    const files = exportOf(dir, job.runId!);
    expect([...files.keys()]).toEqual([
      'equity.csv',
      'rejections.csv',
      'summary.json',
      'trades.csv',
    ]);
    expect(files).toEqual(exportOf(dir, alone.runId));
  });

  it('gives the same job results with one worker as with two', () => {
    const one = sweepJson(folder(), [
      'sweep',
      ...BASE_ARGS,
      ...SWEPT_ARGS,
      '--workers',
      '1',
      '--no-checkpoints',
    ]);
    expect(jobResults(one)).toEqual(jobResults(twoWorkers));
    expect(one.bestJob).toBe(twoWorkers.bestJob);
  });

  it('shows the same sweep with sweeps show --json, and lists it', () => {
    expect(sweepJson(dir, ['sweeps', 'show', twoWorkers.sweepId])).toEqual(twoWorkers);
    const list = JSON.parse(cli(dir, ['sweeps', 'list', '--json']).stdout) as {
      id: string;
      jobsDone: number;
    }[];
    expect(list.find((s) => s.id === twoWorkers.sweepId)?.jobsDone).toBe(4);
  });
});

/** Throws in init when its param n is 2: a param value the strategy cannot run. */
const THROWER = `export default {
  name: 'thrower', description: 'throws in init at n=2',
  params: [{ name: 'n', type: 'integer', default: 1, min: 1, max: 3, description: 'which' }],
  init(ctx) { if (ctx.params.n === 2) throw new Error('n=2 is not supported'); },
  onBar() {},
};
`;

describe('a job whose strategy throws', () => {
  it('is recorded failed with its message; the others complete and the sweep exits 0', () => {
    const d = folder();
    fs.mkdirSync(path.join(d, 'strategies'));
    fs.writeFileSync(path.join(d, 'strategies', 'thrower.mjs'), THROWER);
    const args = ['sweep', '--symbol', 'EURUSD', '--strategy', 'thrower', '--param', 'n=1:3:1'];
    const r = cli(d, [...args, '--no-checkpoints', '--min-trades', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/job 1 failed: .*n=2 is not supported/);
    expect(r.stdout).toMatch(/completed: 3 of 3 jobs done, 1 failed/);
    const id = /sweep (sw-\S+) started/.exec(r.stderr)![1]!;
    const s = sweepJson(d, ['sweeps', 'show', id]);
    expect(s.status).toBe('completed');
    expect(s.jobs.map((j) => j.status)).toEqual(['completed', 'failed', 'completed']);
    expect(s.jobs[1]!.error).toContain('n=2 is not supported');
    expect(s.jobs[1]!.runId, 'the failed job has its run').not.toBeNull();
  });
});

describe('a sweep that cannot run', () => {
  it.each([
    [
      ['--param', 'fast=2:1000:1', '--param', 'slow=3:1000:1'],
      /the grid has 997002 points; at most 100000 jobs/,
    ],
    [['--param', 'fast=1,3'], /param 'fast' must be between 2 and 1000, got 1/],
    [['--param', 'fastest=1,3'], /unknown param 'fastest'/],
    [
      ['--param', 'fast=3,5', '--walk-forward', '3d:1d'],
      /walk-forward needs at least 3.5 days of data/,
    ],
  ])('%j is refused as a usage error before any sweep is stored', (params, message) => {
    const r = cli(dir, ['sweep', '--symbol', 'EURUSD', '--strategy', 'ma-cross', ...params]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    const ids = (JSON.parse(cli(dir, ['sweeps', 'list', '--json']).stdout) as { id: string }[]).map(
      (s) => s.id,
    );
    expect(ids, 'only the sweep of beforeAll').toEqual([twoWorkers.sweepId]);
  });
});
