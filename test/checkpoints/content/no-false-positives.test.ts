import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCheckpoint } from '../../../src/main/services/checkpoints/checkpoint-verify.ts';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { cli } from '../../cli/run-cli.ts';
import { checkpointFiles, runJson } from '../lifecycle/shared-data.ts';

/**
 * The content and store checks must never refuse a checkpoint BackTestr itself wrote: every
 * checkpoint of real runs — two symbols, a time range, stops and take-profits, a history ring
 * that wraps, mid prices — passes all of them.
 */
const CKPT = ['--checkpoint-every-ticks', '25000', '--checkpoint-interval', '0', '--keep', '1000'];
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-ckpt-valid-'));
  for (const [symbol, seed] of [
    ['EURUSD', '3'],
    ['GBPUSD', '8'],
  ]) {
    const args = ['--symbol', symbol, '--start', '2024-01-01', '--days', '3', '--seed', seed];
    expect(cli(dir, ['data', 'generate', ...args]).code).toBe(0);
  }
  await loadHasher();
}, 120_000);
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const runs: [string, string[]][] = [
  [
    'two symbols in a time range, stops and take-profits, slippage',
    [
      ...[
        '--symbol',
        'EURUSD,GBPUSD',
        '--from',
        '2024-01-01T06:00:00Z',
        '--to',
        '2024-01-03T18:00:00Z',
      ],
      ...['--strategy', 'ma-cross', '--param', 'timeframe=M5', '--param', 'trendTimeframe=H1'],
      ...['--param', 'trendPeriod=10', '--param', 'stopLossPips=8', '--param', 'takeProfitPips=12'],
      ...['--indicators', 'rsi(14),bbands(20,2)', '--slippage', '0.00001', '--commission', '3.5'],
    ],
  ],
  [
    'a breakout strategy on mid prices with a 40-bar history ring',
    [
      ...['--symbol', 'GBPUSD', '--strategy', 'donchian-breakout', '--param', 'timeframe=M5'],
      ...['--price', 'mid', '--history', '40'],
    ],
  ],
];

/** Every checkpoint file of a run passes verify with all checks made; returns their count. */
function verifyAll(runId: string): number {
  db ??= openDatabase(dir);
  const files = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
  for (const f of files) {
    const v = verifyCheckpoint(db, f); // throws CheckpointContentError naming what failed
    expect(v.skipped, f).toEqual([]);
  }
  return files.length;
}

describe('checkpoints of real runs pass every content and store check', () => {
  it.each(runs)('%s', (_name, args) => {
    const { runId } = runJson(dir, ['run', ...args, ...CKPT]);
    // How many depends on the writer keeping up (a busy writer skips a trigger), never below a few.
    expect(verifyAll(runId), 'several checkpoints, the end one included').toBeGreaterThan(3);
    // A fork from an older checkpoint starts with a 'fork' checkpoint over copied output rows.
    const fork = runJson(dir, ['resume', runId, '--checkpoint', '3', ...CKPT]);
    expect(fork.forkedFrom).toBe(runId);
    expect(verifyAll(fork.runId)).toBeGreaterThan(1);
  });
});
