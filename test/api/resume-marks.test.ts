/**
 * checkpoints:resumes — where a run was resumed in place and how its previous session ended: a
 * real CLI process SIGKILLed after its first checkpoint reads 'crashed'; a pause reads 'paused';
 * a fork records nothing of its own (its parent is on the run row).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { cli } from '../cli/run-cli.ts';
import { DAYS, EventLog, MA_CROSS_RUN, seed, START, tempDataDir, useBackends } from './helpers.ts';

vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '25';
});

const backendIn = useBackends();
const dirIn = tempDataDir();

const RUN: ArgsOf<'runs:start'> = MA_CROSS_RUN;

describe('checkpoints:resumes', () => {
  it('a run killed after its first checkpoint and resumed reads crashed, resumed from it', async () => {
    const dir = dirIn();
    const gen = ['data', 'generate', '--symbol', 'EURUSD', '--start', START, '--days', `${DAYS}`];
    expect(cli(dir, gen).code).toBe(0);
    const proc = startCli(
      dir,
      ['run', '--symbol', 'EURUSD', '--strategy', 'ma-cross', '--checkpoint-every-ticks', '150000'],
      { BACKTESTR_TEST_THROTTLE_MS: '40' },
    );
    const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
    expect(runId, proc.stderr()).toBeDefined();
    // Killed once a checkpoint is indexed (its file alone may not have its row yet).
    const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
    try {
      const indexed = () =>
        (
          db
            .prepare(`SELECT count(*) AS n FROM checkpoints WHERE run_id = ? AND status = 'valid'`)
            .get(runId) as { n: number }
        ).n > 0;
      expect(await waitFor(proc, () => (indexed() ? true : undefined)), proc.stderr()).toBe(true);
    } finally {
      db.close();
    }
    proc.child.kill('SIGKILL');
    expect((await proc.exited).signal).toBe('SIGKILL');

    const { backend } = await backendIn(dir);
    expect(await backend.invoke('checkpoints:resumes', { runId: runId! })).toEqual([]);
    const before = await backend.invoke('checkpoints:list', { runId: runId! });
    const newest = before.filter((c) => c.status === 'valid').at(-1)!;
    // Progress is reported per engine step, so it may lag the checkpoint written after it.
    const stopped = Math.max(
      (await backend.invoke('runs:get', { runId: runId! })).ticksDone,
      before.at(-1)!.ticks,
    );
    const log = new EventLog(backend);
    await backend.invoke('runs:resume', { runId: runId! });
    expect((await log.ended(runId!)).status).toBe('completed');

    const marks = await backend.invoke('checkpoints:resumes', { runId: runId! });
    expect(marks).toEqual([
      {
        wallTime: expect.any(Number),
        fromSeq: newest.seq,
        fromTicks: newest.ticks,
        afterSeq: before.at(-1)!.seq,
        stoppedAtTicks: stopped,
        ended: 'crashed',
      },
    ]);
  });

  it('a paused run resumed reads paused; a fork of it records nothing', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('checkpoint:written', (c) => c.runId === runId);
    await backend.invoke('runs:pause', { runId });
    // Resumable once the session has let go of it (the resume prompt's list says so).
    for (let i = 0; i < 600; i++) {
      const free = await backend.invoke('runs:recoverable');
      if (free.some((r) => r.run.id === runId)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const paused = await backend.invoke('checkpoints:list', { runId });
    await backend.invoke('runs:resume', { runId });
    await log.waitFor('run:state', (e) => e.runId === runId && e.status === 'completed');
    const marks = await backend.invoke('checkpoints:resumes', { runId });
    expect(marks).toMatchObject([
      { fromSeq: paused.at(-1)!.seq, afterSeq: paused.at(-1)!.seq, ended: 'paused' },
    ]);

    const fork = await backend.invoke('runs:resume', { runId, checkpoint: 1 });
    await log.ended(fork.runId);
    expect(await backend.invoke('checkpoints:resumes', { runId: fork.runId })).toEqual([]);

    // A damaged log is not an error: bad lines are skipped.
    const file = path.join(dataDir, 'runs', runId, 'resumes.jsonl');
    fs.appendFileSync(file, '{"wallTime": "soon"}\n{torn');
    expect(await backend.invoke('checkpoints:resumes', { runId })).toEqual(marks);
  });
});
