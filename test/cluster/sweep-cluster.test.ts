/**
 * A sweep on the cluster is the same durable sweep: its jobs go to two real `backtestr worker`
 * processes through real Redis and S3 servers; the submitting CLI is SIGKILLed with a job done
 * and others not, and `sweeps resume --cluster` finishes it. Its export (jobs.csv, best.json)
 * and every job's run export equal those of an uninterrupted local sweep, and every job sent to
 * the cluster was executed there (its result object is in the store). A job whose run existed
 * but was not queued yet when the submitter died has no store checkpoints: it resumes here —
 * as does, in a local sweep killed mid-way and resumed with --cluster, the job it interrupted,
 * while its pending jobs go to the cluster.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWorker,
  stopProcess,
  type CliProcess,
} from '../../scripts/cluster/cluster-processes.ts';
import {
  startRedis,
  startS3,
  type LocalRedis,
  type LocalS3,
} from '../../scripts/cluster/local-servers.ts';
import { cli } from '../cli/run-cli.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { exportOf, useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { BASE_ARGS, SWEPT_ARGS, sweepJson, type SweepJson } from '../sweeps/helpers.ts';

/**
 * 2 × 2 jobs with a checkpoint every 131 072 ticks (2 steps of the run loop), dated: a sweep's
 * --from is its start date, not resume's --from s3://… (refused with --cluster).
 */
const ARGS = [
  ...BASE_ARGS,
  ...SWEPT_ARGS,
  '--from',
  '2024-01-01',
  '--checkpoint-every-ticks',
  '131072',
  '--checkpoint-interval',
  '0',
];

const folder = useDataFolders(2, 4);
let redis: LocalRedis;
let s3: LocalS3;
let store: string;
const workers: CliProcess[] = [];

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startS3()]);
  store = `s3://${s3.bucket}/sweeps`;
  for (const name of ['a', 'b']) {
    // Each job lasts a few run-loop steps of 250 ms: long enough to kill the submitter mid-sweep.
    const env = { ...s3.env, BACKTESTR_TEST_THROTTLE_MS: '250' };
    const settings = { redisUrl: redis.url, storeUrl: store, env, lockMs: 2000, stallMs: 1000 };
    workers.push(startWorker(fs.mkdtempSync(path.join(folder(), `worker-${name}-`)), settings));
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => stopProcess(w)));
  await Promise.all([redis?.stop(), s3?.stop()]);
});

/** Each job's run status, read straight from the submitter's database. */
function jobRuns(dir: string): { job: number; id: string; status: string }[] {
  if (!fs.existsSync(path.join(dir, 'backtestr.db'))) return [];
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT sweep_job AS job, id, status FROM runs WHERE sweep_id IS NOT NULL')
      .all() as { job: number; id: string; status: string }[];
  } finally {
    db.close();
  }
}

/** The runs the submitter sent to a cluster (cluster_runs, written just before the job is queued). */
function clusterRuns(dir: string): Set<string> {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT run_id AS id FROM cluster_runs').all() as { id: string }[];
    return new Set(rows.map((r) => r.id));
  } finally {
    db.close();
  }
}

function sweepExport(dir: string, id: string): Map<string, string> {
  const out = path.join(dir, `export-${id}`);
  const r = cli(dir, ['sweeps', 'export', id, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return new Map(
    fs
      .readdirSync(out)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
  );
}

/** An uninterrupted local sweep, and a check that a finished one is identical to it. */
let reference: { dir: string; sweep: SweepJson };
beforeAll(() => {
  const dir = folder();
  reference = { dir, sweep: sweepJson(dir, ['sweep', ...ARGS, '--workers', '2']) };
  expect(reference.sweep.status).toBe('completed');
}, 60_000);

function expectSameAsLocal(dir: string, sweep: SweepJson): void {
  expect(sweep.status).toBe('completed');
  expect(sweepExport(dir, sweep.sweepId)).toEqual(
    sweepExport(reference.dir, reference.sweep.sweepId),
  );
  for (const [i, job] of sweep.jobs.entries())
    expect(exportOf(dir, job.runId!), `job ${i}`).toEqual(
      exportOf(reference.dir, reference.sweep.jobs[i]!.runId!),
    );
}

function resumeOnCluster(dir: string, sweepId: string): SweepJson {
  const r = cli(dir, ['sweeps', 'resume', sweepId, ...clusterArgs(), '--json'], s3.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as SweepJson;
}

const clusterArgs = () => ['--cluster', redis.url, '--store', store];

function resultsInStore(runId: string): string[] {
  const results = path.join(s3.dir, s3.bucket, 'sweeps', 'runs', runId, 'results');
  return fs.existsSync(results) ? fs.readdirSync(results) : [];
}

describe('sweep --cluster', () => {
  it('refuses --cluster without --store, before any sweep exists', () => {
    const dir = folder();
    const r = cli(dir, ['sweep', ...ARGS, '--cluster', redis.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cluster needs --store/);
    expect(cli(dir, ['sweeps', 'list', '--json']).stdout.trim()).toBe('[]');
  });

  it('survives its submitter SIGKILLed mid-sweep and ends identical to a local sweep', async () => {
    const dir = folder();
    const proc = startCli(dir, ['sweep', ...ARGS, ...clusterArgs(), '--workers', '2'], s3.env);
    const sweepId = await waitFor(proc, () => /sweep (sw-\S+) started/.exec(proc.stderr())?.[1]);
    expect(sweepId, proc.stderr()).toBeDefined();
    const midway = await waitFor(proc, () => {
      const done = jobRuns(dir).filter((r) => r.status === 'completed').length;
      return done >= 1 && done < 4 ? true : undefined;
    });
    proc.child.kill('SIGKILL');
    await proc.exited;
    expect(midway, `killed with some jobs done and some not:\n${proc.stderr()}`).toBe(true);
    expect(sweepJson(dir, ['sweeps', 'show', sweepId!]).status).toBe('interrupted');

    const resumed = resumeOnCluster(dir, sweepId!);
    expectSameAsLocal(dir, resumed);
    const sent = clusterRuns(dir);
    for (const [i, job] of resumed.jobs.entries()) {
      if (!sent.has(job.runId!)) continue; // killed before it was queued: resumed here
      expect(resultsInStore(job.runId!).length, `job ${i} ran on the cluster`).toBeGreaterThan(0);
    }
    // The job done before the kill and those pending at the resume went to the cluster; only
    // one of the two in flight could have been killed between its run's creation and its job.
    expect(sent.size).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('finishes a local sweep killed mid-way: its interrupted job here, the pending ones there', async () => {
    const dir = folder();
    const throttled = { BACKTESTR_TEST_THROTTLE_MS: '250' };
    const proc = startCli(dir, ['sweep', ...ARGS, '--workers', '1'], throttled);
    const sweepId = await waitFor(proc, () => /sweep (sw-\S+) started/.exec(proc.stderr())?.[1]);
    // Job 0 completed, job 1 mid-run with a checkpoint of its own (in this data folder only).
    const midRun = await waitFor(proc, () => {
      const runs = jobRuns(dir);
      const second = runs.find((r) => r.job === 1);
      if (!runs.some((r) => r.job === 0 && r.status === 'completed') || !second) return undefined;
      const ckpts = path.join(dir, 'runs', second.id, 'checkpoints');
      return fs.existsSync(ckpts) && fs.readdirSync(ckpts).some((f) => f.endsWith('.btck'))
        ? second.id
        : undefined;
    });
    proc.child.kill('SIGKILL');
    await proc.exited;
    expect(midRun, proc.stderr()).toBeDefined();

    const resumed = resumeOnCluster(dir, sweepId!);
    expectSameAsLocal(dir, resumed);
    const sent = clusterRuns(dir);
    expect(sent.has(midRun!), 'the interrupted local job resumed here').toBe(false);
    for (const job of resumed.jobs.slice(2)) {
      expect(sent.has(job.runId!), `job ${job.index} went to the cluster`).toBe(true);
      expect(resultsInStore(job.runId!).length).toBeGreaterThan(0);
    }
  }, 120_000);
});
