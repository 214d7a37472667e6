/**
 * The cluster's fault model against real servers and real worker processes:
 *   - a worker SIGKILLed mid-job: BullMQ's stall detection hands the job to another worker,
 *     which resumes from the newest checkpoint in the store (the test proves which), and the
 *     submitter's export equals a local run's;
 *   - a zombie (SIGSTOPped past its lock, then continued): the job stays the winner's, the
 *     zombie's writes land only under its own attempt keys, and it goes on serving.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import {
  exportOf,
  RUN_ARGS,
  runJson,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';
import { CLUSTER_CKPT, eventually, storeCheckpoints, useCluster } from './cluster-fixture.ts';

const cluster = useCluster();
const folder = useDataFolders(2, 11);
/** Slow enough to be killed or stopped mid-run: a step of 65 536 ticks per 400 ms. */
const SLOW = { BACKTESTR_TEST_THROTTLE_MS: '400' };

let reference: Map<string, string> | null = null;
function localExport(): Map<string, string> {
  if (!reference) {
    const dir = folder();
    reference = exportOf(dir, runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
  }
  return reference;
}

function submit(dir: string, ckpt = CLUSTER_CKPT) {
  const c = cluster();
  const args = ['run', ...RUN_ARGS, ...ckpt, ...c.submit, '--json'];
  return startCli(dir, args, c.env);
}

async function runIdOf(submitter: ReturnType<typeof submit>): Promise<string> {
  const id = await waitFor(submitter, () => /run (\S+) submitted/.exec(submitter.stderr())?.[1]);
  expect(id, submitter.stderr()).toBeDefined();
  return id!;
}

const workerName = (pid: number | undefined) => `${os.hostname()}:${pid}`;

describe('cluster faults', () => {
  it('a SIGKILLed worker: another takes the job over and resumes from the newest store checkpoint', async () => {
    const c = cluster();
    const first = await c.worker(folder(), SLOW);
    const dir = folder();
    const submitter = submit(dir);
    const runId = await runIdOf(submitter);
    await eventually(async () =>
      (await storeCheckpoints(c.store, runId)).length >= 2 ? true : undefined,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    // What the store held when the worker died (nothing else writes before the second starts).
    const before = await storeCheckpoints(c.store, runId);
    const newest = Math.max(...before.map((o) => o.ticks));
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(newest).toBeGreaterThan(0);

    const second = await c.worker(folder());
    const done = await submitter.exited;
    expect(done.code, submitter.stderr() + second.stderr()).toBe(0);
    const summary = JSON.parse(submitter.stdout());
    expect(summary.cluster.worker).toBe(workerName(second.child.pid));
    expect(summary.cluster.resumedFrom.ticks).toBe(newest);
    expect(before.map((o) => o.attempt)).toContain(summary.cluster.resumedFrom.attempt);
    expect(second.stderr()).toMatch(
      new RegExp(`job ${runId} attempt \\S+ resumed from .* at tick ${newest}`),
    );
    expect(exportOf(dir, runId)).toEqual(localExport());
  }, 120_000);

  it('a zombie worker: the winner keeps the job and its objects, the zombie drops it and serves on', async () => {
    const c = cluster();
    const zombie = await c.worker(folder(), SLOW);
    const dir = folder();
    const submitter = submit(dir);
    const runId = await runIdOf(submitter);
    await eventually(async () =>
      (await storeCheckpoints(c.store, runId)).length >= 1 ? true : undefined,
    );
    zombie.child.kill('SIGSTOP');
    const winner = await c.worker(folder());
    const done = await submitter.exited;
    expect(done.code, submitter.stderr() + winner.stderr()).toBe(0);
    const summary = JSON.parse(submitter.stdout());
    expect(summary.cluster.worker).toBe(workerName(winner.child.pid));
    expect(exportOf(dir, runId)).toEqual(localExport());

    // Every object the winner wrote, with a hash of its bytes, before the zombie wakes up.
    const winnerObjects = async () => {
      const all = await c.store.list(`${c.store.url.prefix}/runs/${runId}/`);
      const a = summary.cluster.attempt;
      const mine = all.filter(
        (o) => o.key.includes(`/checkpoints/${a}/`) || o.key.endsWith(`/results/${a}.btres`),
      );
      return Promise.all(
        mine.map(async (o) => {
          const bytes = (await c.store.get(o.key, 1 << 30))!;
          return `${o.key} ${createHash('sha256').update(bytes).digest('hex')}`;
        }),
      );
    };
    const snapshot = await winnerObjects();
    expect(snapshot.some((k) => k.includes('/results/'))).toBe(true);
    zombie.child.kill('SIGCONT');
    await waitFor(zombie, () => (/lost its lock/.test(zombie.stderr()) ? true : undefined));
    expect(zombie.stderr()).toMatch(new RegExp(`job ${runId} .*lost its lock`));
    expect(await winnerObjects()).toEqual(snapshot);
    const job = await c.queue().getJob(runId);
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue.attempt).toBe(summary.cluster.attempt);

    // The zombie serves on: with the winner gone, it takes the next job (one without a
    // manifest, which it refuses at once: a full run would prove no more).
    winner.child.kill('SIGTERM');
    await winner.exited;
    await c.queue().add('run', { v: 1, runId: 'next', store: c.storeUrl }, { jobId: 'next' });
    const served = await waitFor(zombie, () =>
      /job next attempt \S+ failed: .*job\.json does not exist/.test(zombie.stderr())
        ? true
        : undefined,
    );
    expect(served, zombie.stderr()).toBe(true);
  }, 120_000);

  it('a worker stopped with SIGTERM pauses its job, mirrors the pause checkpoint and hands it back', async () => {
    const c = cluster();
    const first = await c.worker(folder(), SLOW);
    const dir = folder();
    // No tick or time trigger: any checkpoint in the store can only be the pause's.
    const submitter = submit(dir, ['--checkpoint-every-ticks', '0', '--checkpoint-interval', '0']);
    const runId = await runIdOf(submitter);
    const queue = c.queue();
    await eventually(async () => {
      const p = (await queue.getJob(runId))?.progress as { ticksDone?: number } | undefined;
      return (p?.ticksDone ?? 0) > 0 ? true : undefined;
    });
    first.child.kill('SIGTERM');
    expect((await first.exited).code, first.stderr()).toBe(0);
    expect(first.stderr()).toMatch(new RegExp(`job ${runId} attempt \\S+ paused: handed back`));
    const before = await storeCheckpoints(c.store, runId);
    expect(before).toHaveLength(1);
    expect(before[0].ticks).toBeGreaterThan(0);

    const second = await c.worker(folder());
    expect((await submitter.exited).code, submitter.stderr() + second.stderr()).toBe(0);
    const summary = JSON.parse(submitter.stdout());
    expect(summary.cluster.worker).toBe(workerName(second.child.pid));
    expect(summary.cluster.resumedFrom).toMatchObject({
      attempt: before[0].attempt,
      ticks: before[0].ticks,
    });
    expect(exportOf(dir, runId)).toEqual(localExport());
  }, 120_000);
});
