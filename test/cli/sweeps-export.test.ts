/**
 * `backtestr sweeps export ID --out DIR [--json]` through the real CLI, over real sweeps.
 *
 * NEEDS H1 (issue 10): the `sweep` command, the `sweeps` dispatcher routing `sweeps export` to
 * sweepsExportCommand (cli/commands/sweeps-export.ts), and readSweep (sweep-service.ts). On the
 * wip/h2 branch alone these tests fail at the first `sweep` call; they run once H1 is merged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.ts';

let dir: string;

/** ma-cross on M5 with a short H1 trend filter: a day of ticks already trades. */
const BASE = [
  '--strategy',
  'ma-cross',
  '--symbol',
  'EURUSD',
  '--from',
  '2024-01-01',
  '--to',
  '2024-01-04',
  '--timeframes',
  'M1,M5,H1',
  '--param',
  'timeframe=M5',
  '--param',
  'trendTimeframe=H1',
  '--param',
  'trendPeriod=5',
  '--param',
  'slow=12',
  '--param',
  'fast=3,5',
];

function ok(args: string[]): string {
  const r = cli(dir, args);
  expect(r.code, `backtestr ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function sweep(extra: string[]): string {
  // Checkpoints play no part in what is exported; without them the jobs run faster.
  const args = ['sweep', ...BASE, ...extra, '--no-checkpoints', '--json'];
  return (JSON.parse(ok(args)) as { sweepId: string }).sweepId;
}

function exported(id: string, name: string): Record<string, string> {
  const out = path.join(dir, name);
  const r = JSON.parse(ok(['sweeps', 'export', id, '--out', out, '--json']));
  expect(r).toEqual({ sweepId: id, dir: out, files: expect.any(Array) });
  return Object.fromEntries(
    fs.readdirSync(out).map((n) => [n, fs.readFileSync(path.join(out, n), 'utf8')]),
  );
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-sweeps-export-'));
  ok(['data', 'generate', '--symbol', 'EURUSD', '--start', '2024-01-01', '--days', '3']);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sweeps export', () => {
  it('exports a walk-forward sweep byte-identically whatever the number of workers', () => {
    const wf = ['--walk-forward', '1d:1d', '--objective', 'net-profit'];
    const one = exported(sweep([...wf, '--workers', '1']), 'one');
    const two = exported(sweep([...wf, '--workers', '2']), 'two');
    expect(Object.keys(one).sort()).toEqual(['best.json', 'jobs.csv', 'oos_equity.csv']);
    expect(two).toEqual(one);
    // Two windows (IS Jan 1, OOS Jan 2; IS Jan 2, OOS Jan 3), each two IS jobs and one OOS job.
    const rows = one['jobs.csv']!.trimEnd().split('\n').slice(1);
    expect(rows.map((r) => r.split(',').slice(1, 3).join(','))).toEqual([
      'is,0',
      'is,0',
      'oos,0',
      'is,1',
      'is,1',
      'oos,1',
    ]);
    const best = JSON.parse(one['best.json']!);
    expect(best.windows.map((w: { outOfSample: { from: string } }) => w.outOfSample.from)).toEqual([
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
    ]);
    expect(best.outOfSample.trades).toBeGreaterThan(0);
  }, 120_000);

  it('names the statistics of the best job as a stand-alone run of its params gives them', () => {
    const files = exported(sweep(['--objective', 'sharpe', '--workers', '2']), 'plain');
    expect(Object.keys(files).sort()).toEqual(['best.json', 'jobs.csv']);
    const best = JSON.parse(files['best.json']!);
    expect(best.objective).toBe('sharpe');
    const args = BASE.slice(0, -2); // without the swept --param fast=3,5
    const run = JSON.parse(
      ok([
        'run',
        ...args,
        '--param',
        `fast=${best.best.params.fast}`,
        '--record',
        'trades,equity',
        '--json',
      ]),
    );
    expect(best.best.stats).toEqual(run.stats);
  }, 120_000);

  it('refuses an unknown sweep and a missing --out, saying what is wrong', () => {
    const unknown = cli(dir, ['sweeps', 'export', 'sw-20240101-000000-abcd', '--out', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no sweep 'sw-20240101-000000-abcd'");
    const noOut = cli(dir, ['sweeps', 'export', 'sw-20240101-000000-abcd']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('sweeps export needs --out DIR');
  });
});
