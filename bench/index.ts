/**
 * `npm run bench` prints a table; `npm run bench -- --json` (or `npm run bench --json`, which npm
 * hands over as npm_config_json) prints one JSON object. A benchmark, never a test: figures are
 * medians of several runs measured here and now, and nothing fails on a slow machine. All in one
 * run, on one data folder (~5 minutes on a 2-core machine):
 *   engine-bench      throughput: store read, engine alone, engine writing bars, with a strategy
 *   cli-bench         the CLI's own `run --json` on the same work (what users get)
 *   checkpoint-bench  checkpoint size, pause, write, recovery, overhead at a 1 s interval
 *   disk-bench        the disk's fsync floor under every checkpoint write
 *   peer-bench        ours vs JSON + gzip and v8.serialize + zstd on the same checkpoint object
 *   scale-bench       size and pause for 1, 10, 28 symbols × 1000 / 10 000-bar histories
 *   sweep-bench       `backtestr sweep --json`: jobs/s with 1 and with N workers, the speed-up
 *   chart-bench       charts:bars windows of a year of stored M1 bars and of bars rebuilt from ticks
 *   cluster-bench     only with --cluster (it starts Redis, an S3 server and workers, ~1 min):
 *                     bytes per job in the store, Redis commands per job, run --cluster vs
 *                     a local run, jobs/s with two workers (docs/scaling.md scales them up)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readCheckpointFile } from '../src/main/services/checkpoints/checkpoint-reader.ts';
import { openDatabase } from '../src/main/services/db/database.ts';
import { benchCharts } from './chart-bench.ts';
import { benchCheckpoints } from './checkpoint-bench.ts';
import { benchCli } from './cli-bench.ts';
import { benchCluster } from './cluster-bench.ts';
import { benchDiskFloor } from './disk-bench.ts';
import { benchEngine } from './engine-bench.ts';
import { benchPeers } from './peer-bench.ts';
import { newestCheckpointFile } from './recovery.ts';
import { benchScale } from './scale-bench.ts';
import { benchSweeps } from './sweep-bench.ts';

const json = process.argv.includes('--json') || process.env.npm_config_json === 'true';
const cluster = process.argv.includes('--cluster') || process.env.npm_config_cluster === 'true';
const log = (s: string) => process.stderr.write(s + '\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-bench-'));
const started = performance.now();
try {
  const results: Record<string, number> = {};
  Object.assign(results, await benchEngine(dir, log));
  Object.assign(results, await benchCli(dir, log));
  Object.assign(results, await benchSweeps(dir, log));
  if (cluster) Object.assign(results, await benchCluster(dir, log));
  const db = openDatabase(dir);
  try {
    const ckpt = await benchCheckpoints(db, dir, log);
    Object.assign(results, ckpt.figures);
    Object.assign(results, benchDiskFloor(dir, results.checkpoint_bytes_typical));
    const { data } = readCheckpointFile(newestCheckpointFile(dir, ckpt.typicalRunId));
    Object.assign(results, benchPeers(data, 3));
    // The same comparison on a checkpoint that embeds its histories (a run recording no bars).
    const embedded = readCheckpointFile(newestCheckpointFile(dir, ckpt.embeddedRunId)).data;
    const peers = benchPeers(embedded, 3);
    for (const [k, v] of Object.entries(peers)) results[k.replace(/^peer_/, 'peer_embedded_')] = v;
    Object.assign(results, await benchScale(db, dir, log));
    Object.assign(results, await benchCharts(db, log));
  } finally {
    db.close();
  }
  results.bench_seconds = Math.round((performance.now() - started) / 1000);
  if (json) {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    const width = Math.max(...Object.keys(results).map((k) => k.length));
    for (const [k, v] of Object.entries(results)) {
      process.stdout.write(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
