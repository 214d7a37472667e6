/**
 * A sweep job's checkpoints (SWEEP_JOB_POLICY, RunOptions.sweepJob): by default by time only, so
 * a job shorter than the interval writes none and starts no writer thread — where a stand-alone
 * run of the same settings writes its end checkpoint; a job long enough for an interval
 * checkpoint starts its writer then and writes a valid file; no job writes an end checkpoint
 * (a sweep never resumes a completed job); and the results are those of any other sweep.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import { runJson, useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { BASE_ARGS, jobResults, SWEPT_ARGS, sweepJson } from './helpers.ts';

const folder = useDataFolders(2, 7);

/** Checkpoint rows (trigger, status) of a run, read from the database the CLI wrote. */
function checkpointRows(
  dir: string,
  runId: string,
): { trigger: string; status: string; seq: number }[] {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT seq, trigger, status FROM checkpoints WHERE run_id = ? ORDER BY seq')
      .all(runId) as { trigger: string; status: string; seq: number }[];
  } finally {
    db.close();
  }
}

describe('sweep job checkpoints', () => {
  it('by default: none for a job shorter than the interval, where a stand-alone run writes its end checkpoint', () => {
    const dir = folder();
    const sweep = sweepJson(dir, ['sweep', ...BASE_ARGS, ...SWEPT_ARGS]);
    expect(sweep.jobs.map((j) => j.status)).toEqual(sweep.jobs.map(() => 'completed'));
    for (const job of sweep.jobs) expect(checkpointRows(dir, job.runId!)).toEqual([]);

    const params = Object.entries(sweep.jobs[0]!.params).flatMap(([k, v]) => [
      '--param',
      `${k}=${v}`,
    ]);
    const alone = runJson(dir, ['run', ...BASE_ARGS, ...params, '--record', 'trades,equity']);
    expect(checkpointRows(dir, alone.runId).map((r) => r.trigger)).toContain('end');
  });

  it('an interval checkpoint starts the writer and is valid; no end checkpoint; same results', () => {
    const dir = folder();
    const plain = sweepJson(dir, ['sweep', ...BASE_ARGS, ...SWEPT_ARGS, '--no-checkpoints']);
    const timed = sweepJson(dir, [
      'sweep',
      ...BASE_ARGS,
      ...SWEPT_ARGS,
      '--checkpoint-interval',
      '1ms',
      '--keep',
      '1000',
    ]);
    expect(jobResults(timed)).toEqual(jobResults(plain));
    for (const job of timed.jobs) {
      const rows = checkpointRows(dir, job.runId!);
      expect(rows.length, `job ${job.index}`).toBeGreaterThan(0);
      expect(rows.map((r) => r.trigger)).not.toContain('end');
      expect(new Set(rows.map((r) => r.trigger))).toEqual(new Set(['interval']));
      const newest = rows.filter((r) => r.status === 'valid').at(-1)!;
      const verify = cli(dir, ['checkpoints', 'verify', job.runId!, String(newest.seq)]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    }
  });
});
