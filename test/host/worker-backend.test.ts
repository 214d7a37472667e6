import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startWorkerBackend,
  type WorkerBackend,
} from '../../src/main/services/host/worker-backend.ts';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { EventLog, MA_CROSS_RUN, seed, tempDataDir } from '../api/helpers.ts';

// Each engine step sleeps this long, in the worker too (it inherits the environment): a run of
// the test data lasts ~0.5 s, long enough to kill the worker in the middle of it.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '25';
});

const tempDir = tempDataDir();
const started: WorkerBackend[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.close();
});

async function workerBackend(dataDir = tempDir()): Promise<WorkerBackend> {
  const b = await startWorkerBackend({ dataDir, host: 'electron' });
  started.push(b);
  return b;
}

const RUN: ArgsOf<'runs:start'> = {
  ...MA_CROSS_RUN,
  indicators: ['sma(5)'],
  checkpoints: { ...MA_CROSS_RUN.checkpoints!, everyTicks: 100_000 },
};

describe('the backend in a worker thread', () => {
  it('serves the same calls and events as the backend itself', async () => {
    const dataDir = tempDir();
    const backend = await workerBackend(dataDir);
    expect(await backend.invoke('app:info')).toMatchObject({ dataDir, host: 'electron' });
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    expect((await log.ended(runId)).status).toBe('completed');
    const progress = log.of('run:progress', runId);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.frames.map((f) => f.timeframe)).toEqual(['M1', 'M5', 'H1']);
    expect(progress.at(-1)!.frames[0].indicators).toHaveProperty('sma_5');
    expect(log.of('checkpoint:written', runId).at(-1)?.trigger).toBe('end');
    const results = await backend.invoke('runs:results', { runId });
    expect(results.trades.length).toBeGreaterThan(0);
  });

  it('rejects bad arguments and errors with their messages', async () => {
    const backend = await workerBackend();
    await expect(backend.invoke('runs:start', { symbols: [] })).rejects.toThrow(
      /runs:start: invalid arguments \(symbols: /,
    );
    const err = await backend.invoke('runs:get', { runId: 'nope' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("no run 'nope'");
    const invoke = backend.invoke as (c: string, a?: unknown) => Promise<unknown>;
    await expect(invoke('toString')).rejects.toThrow("unknown channel 'toString'");
  });

  it('survives the worker dying mid-run: calls reject, the run is interrupted, the next call starts a new worker and resumes it', async () => {
    const backend = await workerBackend();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId: whole } = await backend.invoke('runs:start', RUN);
    await log.ended(whole);

    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('checkpoint:written', (c) => c.runId === runId && c.ok);
    const first = backend.worker!;
    const pending = backend.invoke('runs:pause', { runId });
    await first.terminate(); // as abrupt as a crash: no pause, no final checkpoint

    await expect(pending).rejects.toThrow(
      /runs:pause did not finish: the backend worker stopped unexpectedly/,
    );
    expect(log.of('run:state', runId).at(-1)).toEqual({
      runId,
      status: 'interrupted',
      error: expect.stringMatching(/stopped unexpectedly \(exit code 1\)/),
    });
    expect(backend.worker).toBeNull();

    const [recoverable] = await backend.invoke('runs:recoverable');
    expect(backend.worker, 'a new worker').not.toBeNull();
    expect(backend.worker).not.toBe(first);
    expect(recoverable.run).toMatchObject({ id: runId, status: 'interrupted' });
    expect(recoverable.lastCheckpoint).toMatchObject({ trigger: 'ticks', status: 'valid' });
    expect(recoverable.run.ticksDone).toBeLessThan(recoverable.run.ticksTotal);

    expect(await backend.invoke('runs:resume', { runId })).toEqual({ runId, forkedFrom: null });
    await log.waitFor('run:state', (s) => s.runId === runId && s.status === 'completed');
    const [a, b] = await Promise.all([
      backend.invoke('runs:results', { runId: whole }),
      backend.invoke('runs:results', { runId }),
    ]);
    expect(b.trades, 'the resumed run ends like an uninterrupted one').toEqual(a.trades);
    expect(b.stats).toEqual(a.stats);
  });

  it('pauses active runs on pauseAll and on close', async () => {
    const dataDir = tempDir();
    const backend = await workerBackend(dataDir);
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0);
    await backend.pauseAll();
    expect(log.of('run:state', runId).at(-1)?.status).toBe('paused');

    await backend.invoke('runs:resume', { runId });
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0);
    await backend.close();
    expect(log.of('run:state', runId).map((s) => s.status)).toEqual([
      'running',
      'paused',
      'running',
      'paused',
    ]);
    await expect(backend.invoke('runs:list')).rejects.toThrow('runs:list: the backend is closed');

    const again = await workerBackend(dataDir);
    expect(await again.invoke('runs:get', { runId })).toMatchObject({ status: 'paused' });
  });

  it('fails to start with the reason when the backend cannot open its data folder', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    await expect(startWorkerBackend({ dataDir: file, host: 'electron' })).rejects.toThrow(
      /EEXIST|ENOTDIR|not a directory|file already exists/,
    );
  });
});
