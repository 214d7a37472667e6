/**
 * What one cluster job moves, for docs/scaling.md: the manifest, the tick chunks (uploaded once
 * per data set, fetched once per worker machine) and the result bundle of the standard test run
 * (the tests' RUN_ARGS: ma-cross on EURUSD; all outputs recorded, and trades + equity only as a
 * sweep job records them) over generated data.
 *
 *   node scripts/cluster/measure-transfer.ts [DAYS …]      (default: 6 30)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildManifest,
  encodeManifest,
} from '../../src/main/services/cluster/data/job-manifest.ts';
import { packResult } from '../../src/main/services/cluster/result/run-result.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { prepareRun } from '../../src/main/services/runs/run-request.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/backtestr.js');
const RUN = ['--symbol', 'EURUSD', '--strategy', 'ma-cross', '--param', 'timeframe=M5'];
const PARAMS = ['trendTimeframe=H1', 'trendPeriod=10', 'lots=0.5'];
const run = [...RUN, ...PARAMS.flatMap((p) => ['--param', p]), '--commission', '3.5'];

function cli(dir: string, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dir, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`backtestr ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function measure(days: number): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-measure-'));
  try {
    cli(
      dir,
      ['data', 'generate', '--symbol', 'EURUSD', '--start', '2024-01-01'].concat([
        '--days',
        String(days),
        '--seed',
        '4',
      ]),
    );
    const { runId, ticks } = JSON.parse(cli(dir, ['run', ...run, '--json'])) as {
      runId: string;
      ticks: number;
    };
    // What a sweep job usually stores: no bars.
    const lean = JSON.parse(cli(dir, ['run', ...run, '--record', 'trades,equity', '--json']))
      .runId as string;
    const db = openDatabase(dir);
    const prepared = await prepareRun(db, dir, {
      symbols: ['EURUSD'],
      strategy: 'ma-cross',
      paramArgs: ['timeframe=M5', ...PARAMS],
      account: { commissionPerLot: 3.5 },
    });
    const m = buildManifest(db, dir, prepared, runId, {
      checkpoints: null,
      sweepJob: false,
      ticksTotal: ticks,
    });
    const chunks = m.symbols.flatMap((s) => s.chunks);
    const t0 = performance.now();
    const result = packResult(db, runId);
    const packMs = performance.now() - t0;
    const leanResult = packResult(db, lean);
    db.close();
    return {
      days,
      ticks,
      manifestBytes: encodeManifest(m).length,
      chunks: chunks.length,
      chunkBytes: chunks.reduce((n, c) => n + c.bytes, 0),
      resultBytes: result.length,
      resultBytesTradesEquity: leanResult.length,
      packMs: Math.round(packMs),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await loadHasher();
const days = process.argv.slice(2).map(Number);
for (const d of days.length ? days : [6, 30]) console.log(JSON.stringify(await measure(d)));
