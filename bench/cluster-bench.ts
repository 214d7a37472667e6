/**
 * The cluster as users get it, through the CLI with real servers on this machine (redis-server,
 * s3rver) and real `backtestr worker` processes: one run of the sweep bench's job size (~20
 * days of ticks, a checkpoint every million ticks) locally and with `run --cluster` on one
 * worker, then a sweep of 8 such jobs with `sweep --cluster` on two workers. One pass, medians
 * where there are several jobs, no thresholds (docs/scaling.md scales these up):
 *
 *   cluster_chunk_bytes           tick chunks uploaded (once: later runs find them in the store)
 *   cluster_manifest_bytes        job.json per run
 *   cluster_checkpoint_bytes      mirrored savepoints per job (all of its checkpoints)
 *   cluster_result_bytes          the result bundle per job
 *   cluster_redis_cmds_per_job    Redis commands served during the 2-worker sweep / its jobs
 *   cluster_job_s_local           `run --json` wall time here
 *   cluster_job_s_1worker         `run --cluster --json` wall time (ship, queue, run, adopt)
 *   cluster_jobs_per_sec_2workers the sweep's jobs over its wall time
 *   cluster_local_jobs_per_sec_2  the same sweep without --cluster, `--workers 2` (same machine)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  startWorker,
  stopProcess,
  runCli,
  type CliProcess,
} from '../scripts/cluster/cluster-processes.ts';
import { startRedis, startS3 } from '../scripts/cluster/local-servers.ts';
import { S3ObjectStore } from '../src/main/services/cluster/store/object-store.ts';
import { parseStoreUrl } from '../src/main/services/cluster/store/store-url.ts';
import { chunkBytes, redisCommands, runObjects } from './cluster-figures.ts';
import { BENCH_START } from './engine-bench.ts';
import { median, round3 } from './stats.ts';

const DAY = 86_400_000;
const JOB_DAYS = 20;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const JOB_ARGS = ['--strategy', 'ma-cross', '--symbol', 'EURUSD', '--from', iso(BENCH_START)];
const JOB_PARAMS = ['--to', iso(BENCH_START + JOB_DAYS * DAY), '--param', 'timeframe=M15'];
const TREND = ['--param', 'trendTimeframe=H1', '--param', 'trendPeriod=20', '--param', 'slow=24'];
const CKPT = ['--checkpoint-every-ticks', '1000000', '--checkpoint-interval', '0'];
const runArgs = (fast: number) => [
  ...JOB_ARGS,
  ...JOB_PARAMS,
  ...TREND,
  '--param',
  `fast=${fast}`,
  ...CKPT,
];
const SWEEP = [
  'sweep',
  ...JOB_ARGS,
  ...JOB_PARAMS,
  ...TREND.slice(0, 4),
  '--param',
  'fast=4:10:2',
  '--param',
  'slow=24,36',
  ...CKPT,
];

function timed(f: () => string): { seconds: number; out: string } {
  const t0 = performance.now();
  const out = f();
  return { seconds: (performance.now() - t0) / 1000, out };
}

export async function benchCluster(
  dataDir: string,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  const [redis, s3] = await Promise.all([startRedis(), startS3()]);
  const storeUrl = `s3://${s3.bucket}/bench`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-cluster-bench-'));
  const workers: CliProcess[] = [];
  const settings = { redisUrl: redis.url, storeUrl, env: s3.env, lockMs: 30_000, stallMs: 30_000 };
  const cluster = ['--cluster', redis.url, '--store', storeUrl];
  Object.assign(process.env, s3.env); // this process lists the store with the SDK's own chain
  const store = new S3ObjectStore(parseStoreUrl(storeUrl));
  try {
    workers.push(startWorker(path.join(work, 'worker-1'), settings));
    const local: number[] = [];
    const one: number[] = [];
    for (const fast of [4, 6, 8]) {
      local.push(timed(() => runCli(dataDir, ['run', ...runArgs(fast), '--json'])).seconds);
      one.push(
        timed(() => runCli(dataDir, ['run', ...runArgs(fast), ...cluster, '--json'], s3.env))
          .seconds,
      );
      log(
        `cluster bench: job fast=${fast}: local ${local.at(-1)!.toFixed(2)} s, 1 worker ${one.at(-1)!.toFixed(2)} s`,
      );
    }
    const chunks = chunkBytes(await store.list(''));

    workers.push(startWorker(path.join(work, 'worker-2'), settings));
    const before = await redisCommands(redis.url);
    const sweep = timed(() =>
      runCli(dataDir, [...SWEEP, ...cluster, '--workers', '8', '--json'], s3.env),
    );
    const commands = (await redisCommands(redis.url)) - before;
    const jobs = (JSON.parse(sweep.out) as { jobs: { status: string }[] }).jobs;
    const done = jobs.filter((j) => j.status === 'completed').length;
    if (done !== jobs.length)
      throw new Error(`cluster sweep: ${done} of ${jobs.length} jobs completed`);
    log(`cluster bench: sweep of ${done} jobs on 2 workers in ${sweep.seconds.toFixed(2)} s`);

    // The same sweep here, on this machine's 2 worker threads: what the cluster is measured against.
    const local2 = timed(() => runCli(dataDir, [...SWEEP, '--workers', '2', '--json']));
    log(`cluster bench: the same sweep locally, 2 workers, in ${local2.seconds.toFixed(2)} s`);

    const runs = [...runObjects(await store.list('')).values()];
    return {
      cluster_chunks: chunks.count,
      cluster_chunk_bytes: chunks.bytes,
      cluster_manifest_bytes: median(runs.map((r) => r.manifest)),
      cluster_checkpoints_per_job: median(runs.map((r) => r.checkpoints)),
      cluster_checkpoint_bytes: median(runs.map((r) => r.checkpointBytes)),
      cluster_result_bytes: median(runs.map((r) => r.resultBytes)),
      cluster_redis_cmds_per_job: Math.round(commands / done),
      cluster_job_s_local: round3(median(local)),
      cluster_job_s_1worker: round3(median(one)),
      cluster_jobs_per_sec_2workers: round3(done / sweep.seconds),
      cluster_local_jobs_per_sec_2: round3(done / local2.seconds),
    };
  } finally {
    store.close();
    await Promise.all(workers.map((w) => stopProcess(w)));
    await Promise.all([redis.stop(), s3.stop()]);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Alone: `node bench/cluster-bench.ts [DATA_DIR]` — else 21 days generated in a temp folder. */
if (import.meta.main) {
  const given = process.argv[2];
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-cluster-bench-data-'));
  const log = (s: string) => process.stderr.write(s + '\n');
  try {
    if (!given) {
      log(`generating ${JOB_DAYS + 1} days of EURUSD ticks…`);
      const gen = [
        '--symbol',
        'EURUSD',
        '--start',
        iso(BENCH_START),
        '--days',
        String(JOB_DAYS + 1),
      ];
      runCli(dir, ['data', 'generate', ...gen, '--seed', '1']);
    }
    process.stdout.write(JSON.stringify(await benchCluster(dir, log)) + '\n');
  } finally {
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
  }
}
