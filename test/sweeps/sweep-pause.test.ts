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

/** How many of the sweep's jobs have a run (started or done). */
function jobsStarted(dir: string): number {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT count(*) AS n FROM runs WHERE sweep_id IS NOT NULL').get() as {
        n: number;
      }
    ).n;
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
    expect(await waitFor(proc, () => jobsStarted(dir) || undefined), 'a job started').toBeDefined();

    const second = cli(dir, ['sweeps', 'resume', sweepId!]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is being run by process \d+/);

    // Interrupt the job that starts next, so that one is mid-run when the pause comes.
    const started = jobsStarted(dir);
    expect(started, 'jobs left to pause').toBeLessThan(4);
    await waitFor(proc, () => (jobsStarted(dir) > started ? true : undefined));
    proc.child.kill('SIGINT');
    const exit = await proc.exited;
    expect(exit.code, proc.stderr()).toBe(0);
    expect(proc.stdout()).toMatch(new RegExp(`sweep ${sweepId} paused`));
    const paused = sweepJson(dir, ['sweeps', 'show', sweepId!]);
    expect(paused.status).toBe('paused');
    // Jobs run one at a time by index: those before the paused one completed, those after pending.
    expect(paused.jobs.map((j) => j.status).join(',')).toMatch(
      /^(completed,)+interrupted(,pending)*$/,
    );

    const resumed = sweepJson(dir, ['sweeps', 'resume', sweepId!]);
    expect(resumed.status).toBe('completed');
    expect(jobResults(resumed)).toEqual(jobResults(reference));
  }, 120_000);
});
