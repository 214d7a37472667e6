/**
 * `run --cluster` end to end against a real redis-server, s3rver and `backtestr worker`
 * processes: the submitting data folder gets the run exactly as a local run makes it; a job with
 * a garbage manifest fails naming the key while the worker goes on serving; and a submitter
 * SIGKILLed while following picks the run up again with `resume --cluster`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getClusterRun } from '../../src/main/services/cluster/cluster-runs.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { cli } from '../cli/run-cli.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import {
  exportOf,
  RUN_ARGS,
  runJson,
  runsOf,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';
import { CLUSTER_CKPT, eventually, storeCheckpoints, useCluster } from './cluster-fixture.ts';

const cluster = useCluster();
const folder = useDataFolders(2, 11);

let reference: Map<string, string> | null = null;
/** `runs export` of a plain local run with the same arguments, made once. */
function localExport(): Map<string, string> {
  if (!reference) {
    const dir = folder();
    reference = exportOf(dir, runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
  }
  return reference;
}

describe('run --cluster', () => {
  it('runs through a worker; a garbage manifest fails naming its key, the worker goes on', async () => {
    const c = cluster();
    const worker = await c.worker(folder());
    // A job whose manifest is garbage: refused with the key, not retried, and no crash.
    const badKey = storeKeys.job(c.store.url, 'bad-run');
    await c.store.put(badKey, new TextEncoder().encode('{"v":1,"runId":'));
    const queue = c.queue();
    await queue.add(
      'run',
      { v: 1, runId: 'bad-run', store: c.storeUrl },
      { jobId: 'bad-run', attempts: 3 },
    );
    const reason = await eventually(async () => {
      const job = await queue.getJob('bad-run');
      return (await job?.getState()) === 'failed' ? job!.failedReason : undefined;
    });
    expect(reason).toContain(badKey);
    expect(worker.stderr()).toContain(badKey);

    const dir = folder();
    const r = cli(dir, ['run', ...RUN_ARGS, ...CLUSTER_CKPT, ...c.submit, '--json'], c.env);
    expect(r.code, r.stderr + worker.stderr()).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe('completed');
    expect(summary.cluster.worker).toBe(`${os.hostname()}:${worker.child.pid}`);
    expect(summary.cluster.resumedFrom).toBeNull();
    expect(exportOf(dir, summary.runId)).toEqual(localExport());
    expect(runsOf(dir).find((x) => x.id === summary.runId)?.status).toBe('completed');
    const db = openDatabase(dir);
    try {
      expect(getClusterRun(db, summary.runId)).toMatchObject({
        store: c.storeUrl,
        attempt: summary.cluster.attempt,
        finishedAt: expect.any(Number),
      });
    } finally {
      db.close();
    }
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);

  it('Ctrl-C stops following (paused); a submitter killed while following picks the run up with resume --cluster', async () => {
    const c = cluster();
    const worker = await c.worker(folder(), { BACKTESTR_TEST_THROTTLE_MS: '500' });
    const dir = folder();
    const args = ['run', ...RUN_ARGS, ...CLUSTER_CKPT, ...c.submit];
    const following = (p: ReturnType<typeof startCli>) =>
      waitFor(p, () => (/run on attempt/.test(p.stderr()) ? true : undefined));
    const submitter = startCli(dir, args, c.env);
    expect(await following(submitter), submitter.stderr()).toBe(true);
    const runId = /run (\S+) submitted/.exec(submitter.stderr())![1];
    submitter.child.kill('SIGINT');
    expect((await submitter.exited).code, submitter.stderr()).toBe(0);
    expect(submitter.stdout()).toContain(`stopped following run ${runId}`);
    expect(runsOf(dir).find((x) => x.id === runId)?.status).toBe('paused');

    const again = startCli(dir, ['resume', runId, '--cluster', c.redisUrl, '--json'], c.env);
    // The worker went on while nobody followed: if it finished meanwhile, resume adopts the result
    // and exits without ever following (the else branch below), so either outcome is awaited.
    await following(again);
    again.child.kill('SIGKILL');
    const killed = await again.exited;
    // Killed while following — unless the job completed first and it adopted the result.
    if (killed.signal === 'SIGKILL') {
      expect(runsOf(dir).find((x) => x.id === runId)?.status).toBe('interrupted');
      const r = cli(dir, ['resume', runId, '--cluster', c.redisUrl, '--json'], c.env);
      expect(r.code, r.stderr + worker.stderr()).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ runId, status: 'completed' });
    } else expect(JSON.parse(again.stdout())).toMatchObject({ runId, status: 'completed' });
    expect(exportOf(dir, runId)).toEqual(localExport());
  }, 120_000);

  it('resume --cluster queues a job Redis lost again; a worker resumes it from the store', async () => {
    const c = cluster();
    const first = await c.worker(folder(), { BACKTESTR_TEST_THROTTLE_MS: '300' });
    const dir = folder();
    const args = ['run', ...RUN_ARGS, ...CLUSTER_CKPT, ...c.submit];
    const submitter = startCli(dir, args, c.env);
    const runId = await waitFor(
      submitter,
      () => /run (\S+) submitted/.exec(submitter.stderr())?.[1],
    );
    expect(runId, submitter.stderr()).toBeDefined();
    await eventually(async () =>
      (await storeCheckpoints(c.store, runId!)).length >= 1 ? true : undefined,
    );
    for (const p of [submitter, first]) p.child.kill('SIGKILL');
    await Promise.all([submitter.exited, first.exited]);
    await c.queue().obliterate({ force: true }); // Redis lost everything about the job
    const newest = Math.max(...(await storeCheckpoints(c.store, runId!)).map((o) => o.ticks));

    const second = await c.worker(folder());
    const r = cli(dir, ['resume', runId!, '--cluster', c.redisUrl, '--json'], c.env);
    expect(r.code, r.stderr + second.stderr()).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ runId, status: 'completed' });
    expect(summary.cluster.worker).toBe(`${os.hostname()}:${second.child.pid}`);
    expect(summary.cluster.resumedFrom.ticks).toBe(newest);
    expect(exportOf(dir, runId!)).toEqual(localExport());
  }, 120_000);

  it('a user strategy that throws: the job completes once with a failed result, the run fails here', async () => {
    const c = cluster();
    const worker = await c.worker(folder());
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'strategies'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'strategies', 'thrower.mjs'), THROWER);
    const r = cli(dir, ['run', '--symbol', 'EURUSD', '--strategy', 'thrower', ...c.submit], c.env);
    expect(r.code, r.stderr + worker.stderr()).toBe(1);
    expect(r.stderr).toContain('cannot handle bar at');
    const run = runsOf(dir)[0] as { id: string; status: string; error?: string };
    expect(run.status).toBe('failed');
    // Deterministic: the same error anywhere. Recorded as the job's result, never retried.
    const job = await c.queue().getJob(run.id);
    expect(await job!.getState()).toBe('completed');
    expect(job!.attemptsStarted).toBe(1);
  }, 120_000);
});

/** Fails on its 5th H1 bar, the same way on every machine. */
const THROWER = `export default {
  name: 'thrower',
  description: 'throws on its 5th H1 bar',
  params: [],
  requires: () => ({ timeframes: ['H1'] }),
  init(ctx) { ctx.state.n = 0; },
  onBar(ctx, ev) {
    if (ev.timeframe === 'H1' && ++ctx.state.n === 5)
      throw new Error('cannot handle bar at ' + new Date(ev.bar.time).toISOString());
  },
};
`;
