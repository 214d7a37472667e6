/**
 * checkpoints:exportSavepoint (the app's "Export savepoint"): the file it writes is a real
 * savepoint — the CLI resumes it in another data folder holding the same ticks, and the run
 * finishes there with the export of the original.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHasher } from '../../src/main/services/hash.ts';
import { cli } from '../cli/run-cli.ts';
import { exportOf } from '../checkpoints/lifecycle/shared-data.ts';
import { completedRun, DAYS, START, tempDataDir, useBackends } from './helpers.ts';

const backendIn = useBackends();
const otherDir = tempDataDir();

beforeAll(async () => {
  await loadHasher();
});

describe('checkpoints:exportSavepoint', () => {
  it('writes a savepoint the CLI resumes elsewhere to the same results', async () => {
    const { backend, dataDir, runId } = await completedRun(backendIn, {
      symbols: ['EURUSD'],
      timeframes: ['M1', 'H1'],
      indicators: ['ema(10)'],
      strategy: 'ma-cross',
      params: { timeframe: 'M1', trendTimeframe: 'H1', fast: 5, slow: 20, trendPeriod: 10 },
      checkpoints: { intervalMs: 0, everyTicks: 100_000, keep: 20, level: 1 },
    });
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid' && c.progressPct < 100,
    );
    const seq = valid[Math.floor(valid.length / 2)].seq;
    const { file, bytes } = await backend.invoke('checkpoints:exportSavepoint', { runId, seq });
    expect(file).toBe(path.join(dataDir, 'exports', `${runId}-savepoint-${seq}.btck`));
    expect(fs.statSync(file).size).toBe(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const elsewhere = otherDir();
    const gen = ['--symbol', 'EURUSD', '--start', START, '--days', String(DAYS), '--seed', '1'];
    expect(cli(elsewhere, ['data', 'generate', ...gen]).code).toBe(0);
    const r = cli(elsewhere, ['resume', '--checkpoint', file, '--no-checkpoints', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ runId, status: 'completed' });
    expect(exportOf(elsewhere, runId)).toEqual(exportOf(dataDir, runId));
  }, 240_000);
});
