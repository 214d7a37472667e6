import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';

/** ma-cross on M5 with an H1 trend filter: trades within a few days of generated data. */
export const MA_CROSS_ARGS = [
  '--strategy',
  'ma-cross',
  '--param',
  'timeframe=M5',
  '--param',
  'trendTimeframe=H1',
  '--param',
  'trendPeriod=10',
];

export const RUN_ARGS = [
  '--symbol',
  'EURUSD',
  ...MA_CROSS_ARGS,
  '--param',
  'lots=0.5',
  '--commission',
  '3.5',
];

/** A checkpoint every 100 000 ticks and none by time: a few per run, at exact tick counts. */
export const CKPT = ['--checkpoint-every-ticks', '100000', '--checkpoint-interval', '0'];

/** Starts a run, SIGKILLs it once its `n`-th checkpoint file exists; returns the run id. */
export async function killedRun(dir: string, n = 1): Promise<string> {
  const proc = startCli(dir, ['run', ...RUN_ARGS, ...CKPT, '--keep', '50']);
  const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
  await waitFor(proc, () =>
    checkpointFiles(dir, runId!).filter((f) => f.endsWith('.btck')).length >= n ? true : undefined,
  );
  proc.child.kill('SIGKILL');
  await proc.exited;
  return runId!;
}

/** Generates EURUSD ticks into a data folder with the real CLI (extra args e.g. '--replace'). */
export function generateEurusd(dir: string, days: number, seed: number, ...extra: string[]): void {
  const args = [
    '--symbol',
    'EURUSD',
    '--start',
    '2024-01-01',
    '--days',
    String(days),
    '--seed',
    String(seed),
  ];
  const r = cli(dir, ['data', 'generate', ...args, ...extra]);
  expect(r.code, r.stderr).toBe(0);
}

/** A data folder with generated ticks; copies of it are cheap starting points for each test. */
export function dataFolder(days = 6, seed = 4): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-ckpt-'));
  generateEurusd(dir, days, seed);
  return dir;
}

export function copyFolder(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-ckpt-'));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

/**
 * A test file's data: dataFolder(days, seed) generated once (beforeAll, registered here, so call
 * this before a beforeAll that uses it), and a function giving each test a fresh copy of it.
 * Every folder is removed after the file's tests.
 */
export function useDataFolders(days?: number, seed?: number): () => string {
  let base = '';
  const made: string[] = [];
  beforeAll(() => {
    base = dataFolder(days, seed);
  }, 120_000);
  afterAll(() => {
    for (const d of [base, ...made]) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = copyFolder(base);
    made.push(d);
    return d;
  };
}

export function runJson(
  dir: string,
  args: string[],
): { runId: string; status: string; [k: string]: unknown } {
  const r = cli(dir, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

export function exportOf(dir: string, runId: string): Map<string, string> {
  const out = fs.mkdtempSync(path.join(dir, 'export-'));
  const r = cli(dir, ['runs', 'export', runId, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return new Map(
    fs
      .readdirSync(out)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
  );
}

export function checkpointFiles(dir: string, runId: string): string[] {
  const d = path.join(dir, 'runs', runId, 'checkpoints');
  return fs.existsSync(d)
    ? fs
        .readdirSync(d)
        .sort()
        .map((f) => path.join(d, f))
    : [];
}

export function runsOf(dir: string): { id: string; status: string; parentRunId: string | null }[] {
  return JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout);
}
