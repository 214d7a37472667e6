/**
 * One owner per sweep, and Ctrl-C pauses: while a sweep's CLI runs, a second `sweeps resume` of it
 * is refused naming the owner; SIGINT pauses the running job (it checkpoints) and the sweep reads
 * paused; `sweeps resume` then finishes it with the job results of an uninterrupted sweep.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from '../cli/run-cli.ts';
import { BASE_ARGS, jobResults, sweepJson, type SweepJson } from './helpers.ts';

const ARGS = [...BASE_ARGS, '--param', 'slow=8', '--param', 'fast=3:9:2', '--workers', '1'];

const folder = useDataFolders(2, 4);
let reference: SweepJson;

beforeAll(() => {
  reference = sweepJson(folder(), ['sweep', ...ARGS, '--no-checkpoints']);
}, 120_000);

/** How many of the sweep's job runs are running now (one at a time here). */
function jobsRunning(dir: string): number {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT count(*) AS n FROM runs WHERE sweep_id IS NOT NULL AND status = 'running'`)
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe('a running sweep', () => {
  it('refuses a second owner, pauses on SIGINT and resumes to the uninterrupted result', async () => {
    const dir = folder();
    const proc = startCli(dir, ['sweep', ...ARGS]);
    const sweepId = await waitFor(proc, () => /sweep (sw-\S+) started/.exec(proc.stderr())?.[1]);
    expect(sweepId, proc.stderr()).toBeDefined();
    expect(await waitFor(proc, () => jobsRunning(dir) || undefined), 'a job runs').toBeDefined();

    const second = cli(dir, ['sweeps', 'resume', sweepId!]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is being run by process \d+/);

    // Pause while a job runs (between two jobs none does, for a moment).
    expect(
      await waitFor(proc, () => jobsRunning(dir) || undefined),
      'a job still runs',
    ).toBeDefined();
    proc.child.kill('SIGINT');
    const exit = await proc.exited;
    expect(exit.code, proc.stderr()).toBe(0);
    expect(proc.stdout()).toMatch(new RegExp(`sweep ${sweepId} paused`));
    const paused = sweepJson(dir, ['sweeps', 'show', sweepId!]);
    expect(paused.status).toBe('paused');
    // Jobs run one at a time by index: those before the paused one completed, those after it
    // pending. (Had the running job just ended when the pause came, none is interrupted.)
    expect(paused.jobs.map((j) => j.status).join(',')).toMatch(
      /^(completed,)*(interrupted|pending)(,pending)*$/,
    );

    const resumed = sweepJson(dir, ['sweeps', 'resume', sweepId!]);
    expect(resumed.status).toBe('completed');
    expect(jobResults(resumed)).toEqual(jobResults(reference));
  }, 120_000);
});
