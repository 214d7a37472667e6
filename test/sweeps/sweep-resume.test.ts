/**
 * Durable as one job: a sweep's CLI is SIGKILLed with one job completed and the next one mid-run
 * with checkpoints; `sweeps resume` finishes it — the completed job kept, the interrupted one
 * resumed from its own checkpoint (not from tick 0), the pending one started — and every job's
 * statistics and every job run's export equal those of a sweep that was never interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpointFileName } from '../../src/main/services/checkpoints/btck/file-name.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { exportOf, useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { BASE_ARGS, jobResults, sweepJson, type SweepJson } from './helpers.ts';

/** 3 jobs, one at a time, a checkpoint every 50 000 ticks (several per job) and none by time. */
const ARGS = [
  ...BASE_ARGS,
  '--param',
  'slow=8',
  '--param',
  'fast=3:7:2',
  '--workers',
  '1',
  '--checkpoint-every-ticks',
  '50000',
  '--checkpoint-interval',
  '0',
  '--keep',
  '50',
];

const folder = useDataFolders(2, 4);
let reference: { dir: string; sweep: SweepJson };

beforeAll(() => {
  const dir = folder();
  reference = { dir, sweep: sweepJson(dir, ['sweep', ...ARGS]) };
}, 120_000);

function checkpointSeqs(dir: string, runId: string): number[] {
  const d = path.join(dir, 'runs', runId, 'checkpoints');
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .map((f) => parseCheckpointFileName(f)?.seq)
    .filter((s): s is number => s !== undefined);
}

/** The run of each job that has one, read straight from the database the CLI writes. */
function jobRuns(dir: string): Map<number, { id: string; status: string }> {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT id, status, sweep_job AS job FROM runs WHERE sweep_id IS NOT NULL')
      .all() as { id: string; status: string; job: number }[];
    return new Map(rows.map((r) => [r.job, { id: r.id, status: r.status }]));
  } finally {
    db.close();
  }
}

describe('sweeps resume after SIGKILL', () => {
  it('keeps completed jobs, resumes the interrupted one from its checkpoint, and ends identical', async () => {
    expect(reference.sweep.status).toBe('completed');
    const dir = folder();
    const proc = startCli(dir, ['sweep', ...ARGS]);
    const sweepId = await waitFor(proc, () => /sweep (sw-\S+) started/.exec(proc.stderr())?.[1]);
    expect(sweepId, proc.stderr()).toBeDefined();
    const midRun = await waitFor(proc, () => {
      const runs = jobRuns(dir);
      const second = runs.get(1);
      if (runs.get(0)?.status !== 'completed' || !second) return undefined;
      return checkpointSeqs(dir, second.id).length >= 2 ? second.id : undefined;
    });
    proc.child.kill('SIGKILL');
    await proc.exited;
    expect(midRun, 'killed with job 0 done and job 1 mid-run with checkpoints').toBeDefined();
    const seqBeforeKill = Math.max(...checkpointSeqs(dir, midRun!));

    const killed = sweepJson(dir, ['sweeps', 'show', sweepId!]);
    expect(killed.status).toBe('interrupted');
    expect(killed.jobs.map((j) => j.status)).toEqual(['completed', 'interrupted', 'pending']);

    const resumed = sweepJson(dir, [
      'sweeps',
      'resume',
      sweepId!,
      '--checkpoint-every-ticks',
      '50000',
      '--checkpoint-interval',
      '0',
      '--keep',
      '50',
    ]);
    expect(resumed.status).toBe('completed');
    expect(jobResults(resumed)).toEqual(jobResults(reference.sweep));
    expect(resumed.jobs[1]!.runId, 'the interrupted job kept its run').toBe(midRun);

    // Resumed from a checkpoint: the checkpoints written before the kill are still there and the
    // resumed session's continue their sequence at more ticks (a restart would begin at tick 0).
    const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
    const rows = db
      .prepare('SELECT seq, ticks FROM checkpoints WHERE run_id = ? ORDER BY seq')
      .all(midRun) as { seq: number; ticks: number }[];
    db.close();
    const before = rows.filter((r) => r.seq <= seqBeforeKill);
    const after = rows.filter((r) => r.seq > seqBeforeKill);
    expect(before.length, JSON.stringify(rows)).toBeGreaterThan(0);
    expect(after.length, JSON.stringify(rows)).toBeGreaterThan(0);
    expect(after[0]!.ticks).toBeGreaterThan(before.at(-1)!.ticks);
    expect(rows.map((r) => r.ticks)).toEqual([...rows.map((r) => r.ticks)].sort((a, b) => a - b));

    for (const [i, job] of resumed.jobs.entries())
      expect(exportOf(dir, job.runId!), `job ${i}`).toEqual(
        exportOf(reference.dir, reference.sweep.jobs[i]!.runId!),
      );
  }, 120_000);
});
