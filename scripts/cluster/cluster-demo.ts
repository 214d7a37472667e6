/**
 * `npm run cluster:demo`: a cluster on this machine — Redis, a local S3 server and two
 * `backtestr worker` processes — runs a small sweep submitted with `backtestr sweep --cluster`.
 * While one worker is mid-job with a checkpoint in the store, it is SIGKILLed; BullMQ's stall
 * detection hands its job to the other worker, which resumes from that checkpoint. The table
 * says which worker finished each job, how many attempts it took and where it resumed. Every
 * server and temp folder is gone at the end; the exit code is 0 when the sweep completed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRedisUrl } from '../../src/main/services/cluster/redis-url.ts';
import { S3ObjectStore } from '../../src/main/services/cluster/store/object-store.ts';
import { parseStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
import {
  runCli,
  spawnCli,
  startWorker,
  stopProcess,
  type CliProcess,
} from './cluster-processes.ts';
import { demoRows, formatDemoTable, type DemoJob, type DemoRow } from './demo-report.ts';
import { startRedis, startS3, type LocalRedis, type LocalS3 } from './local-servers.ts';
import { midJobCheckpoint, snapshot, type StoreCheckpoint } from './store-watch.ts';

/** 3 × 2 = 6 ma-cross jobs on 3 days of generated EURUSD ticks, a checkpoint every 2 steps. */
const SWEEP_ARGS = [
  'sweep',
  '--symbol',
  'EURUSD',
  '--strategy',
  'ma-cross',
  '--param',
  'timeframe=M15',
  '--param',
  'trendTimeframe=H1',
  '--param',
  'trendPeriod=5',
  '--param',
  'fast=3:5:1',
  '--param',
  'slow=8,12',
  '--workers',
  '4',
  '--checkpoint-every-ticks',
  '131072',
  '--checkpoint-interval',
  '0',
  '--json',
];

/**
 * A 3-day job takes about a second; the workers sleep this long after each 65 536-tick step
 * (a test hook of the run loop) so each job lasts a few seconds and the kill lands mid-job.
 */
const THROTTLE_MS = '300';

export interface DemoResult {
  status: string;
  rows: DemoRow[];
  killed: { worker: string; checkpoint: StoreCheckpoint } | null;
  table: string;
}

export async function runClusterDemo(log: (line: string) => void): Promise<DemoResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-cluster-demo-'));
  const workers: CliProcess[] = [];
  let redis: LocalRedis | null = null;
  let s3: LocalS3 | null = null;
  try {
    const dataDir = path.join(root, 'submitter');
    log('generating 3 days of EURUSD ticks …');
    runCli(dataDir, [
      'data',
      'generate',
      '--symbol',
      'EURUSD',
      '--start',
      '2024-01-01',
      '--days',
      '3',
      '--seed',
      '7',
    ]);
    [redis, s3] = await Promise.all([startRedis(), startS3()]);
    const storeUrl = `s3://${s3.bucket}/demo`;
    log(
      `redis-server on ${redis.url}, S3 server (s3rver) on ${s3.env.AWS_ENDPOINT_URL}, store ${storeUrl}`,
    );
    const settings = { redisUrl: redis.url, storeUrl, lockMs: 2000, stallMs: 1000 };
    const names = new Map<number, string>();
    for (const name of ['worker-a', 'worker-b']) {
      const env = { ...s3.env, BACKTESTR_TEST_THROTTLE_MS: THROTTLE_MS };
      const w = startWorker(path.join(root, name), { ...settings, env });
      workers.push(w);
      names.set(w.pid, name);
      log(`${name}: backtestr worker (pid ${w.pid}), lock 2 s, stall check every 1 s`);
    }
    const sweep = spawnCli(
      dataDir,
      [...SWEEP_ARGS, '--cluster', redis.url, '--store', storeUrl],
      s3.env,
    );
    log('sweep of 6 jobs submitted with --cluster');
    const killed = await killOneMidJob(s3, storeUrl, workers, names, sweep);
    if (killed)
      log(`SIGKILLed ${killed.worker} mid-job: ${killed.checkpoint.key} was in the store`);
    const { code } = await sweep.exited;
    if (code !== 0) throw new Error(`the sweep failed (exit ${code}):\n${sweep.stderr()}`);
    const detail = JSON.parse(sweep.stdout()) as { status: string; jobs: DemoJob[] };
    const rows = await demoRows(parseRedisUrl(redis.url), detail.jobs);
    const nameOf = (w: string) => names.get(Number(/(\d+)$/.exec(w)?.[1])) ?? w;
    return { status: detail.status, rows, killed, table: formatDemoTable(rows, nameOf) };
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await Promise.all([redis?.stop(), s3?.stop()]);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Watches the store until a worker has mirrored a checkpoint of an unfinished job; kills it. */
async function killOneMidJob(
  s3: LocalS3,
  storeUrl: string,
  workers: CliProcess[],
  names: Map<number, string>,
  sweep: CliProcess,
): Promise<{ worker: string; checkpoint: StoreCheckpoint } | null> {
  // The SDK reads its endpoint and keys from the environment, as BackTestr's processes do.
  Object.assign(process.env, s3.env);
  const store = new S3ObjectStore(parseStoreUrl(storeUrl));
  let sweepDone = false;
  void sweep.exited.then(() => (sweepDone = true));
  try {
    while (!sweepDone) {
      const snap = await snapshot(store);
      for (const w of workers) {
        const checkpoint = midJobCheckpoint(snap, w.pid);
        if (!checkpoint) continue;
        w.child.kill('SIGKILL');
        await w.exited;
        return { worker: names.get(w.pid)!, checkpoint };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  } finally {
    store.close();
  }
}

if (import.meta.main) {
  const log = (s: string) => process.stdout.write(s + '\n');
  const result = await runClusterDemo(log);
  log('');
  log(result.table);
  for (const r of result.rows) if (r.error) log(`job ${r.index} failed: ${r.error}`);
  const done = result.rows.filter((r) => r.status === 'completed').length;
  log('');
  log(`sweep ${result.status}: ${done} of ${result.rows.length} jobs completed`);
  process.exitCode = result.status === 'completed' && done === result.rows.length ? 0 : 1;
}
