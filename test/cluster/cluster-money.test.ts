/**
 * A cluster run that converts its P&L with a pair it does not trade (EURJPY in a USD account,
 * rates from the stored USDJPY): the manifest ships USDJPY's chunks too, the worker's empty
 * folder gets them, and the submitter's export equals a local run's byte for byte.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import {
  copyFolder,
  exportOf,
  MA_CROSS_ARGS,
  runJson,
} from '../checkpoints/lifecycle/shared-data.ts';
import { CLUSTER_CKPT, useCluster } from './cluster-fixture.ts';

const cluster = useCluster();
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const RUN = [
  'run',
  '--symbol',
  'EURJPY',
  '--account-currency',
  'USD',
  '--leverage',
  '30',
  ...MA_CROSS_ARGS,
];

describe('run --cluster with a conversion pair', () => {
  it('ships the pair and gives the local run’s export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-money-cluster-'));
    made.push(dir);
    for (const [symbol, seed] of [
      ['EURJPY', '5'],
      ['USDJPY', '6'],
    ]) {
      const args = ['--symbol', symbol, '--start', '2024-01-01', '--days', '2', '--seed', seed];
      const g = cli(dir, ['data', 'generate', ...args]);
      expect(g.code, g.stderr).toBe(0);
    }
    const local = copyFolder(dir);
    made.push(local);
    const reference = exportOf(local, runJson(local, [...RUN, '--no-checkpoints']).runId);

    const c = cluster();
    const workerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-money-worker-'));
    made.push(workerDir);
    const worker = await c.worker(workerDir);
    const r = cli(dir, [...RUN, ...CLUSTER_CKPT, ...c.submit, '--json'], c.env);
    expect(r.code, r.stderr + worker.stderr()).toBe(0);
    const summary = JSON.parse(r.stdout) as { runId: string; status: string };
    expect(summary.status).toBe('completed');
    expect(exportOf(dir, summary.runId)).toEqual(reference);
  }, 180_000);
});
