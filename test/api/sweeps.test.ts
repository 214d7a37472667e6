/**
 * `sweeps:*` through a real backend (createBackend): real SQLite, real worker threads per job,
 * generated ticks. Small sweeps of ma-cross over 3 days, its trend filter on H1 so jobs trade.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { EventLog, seed, useBackends } from './helpers.ts';

const backendIn = useBackends();

type Spec = ArgsOf<'sweeps:start'>['spec'];

/** ma-cross over every generated tick with `fast` swept over `fasts`. */
function spec(fasts: number[], over: Partial<Spec> = {}): Spec {
  return {
    base: {
      symbols: ['EURUSD'],
      from: null,
      to: null,
      strategy: 'ma-cross',
      fixed: { timeframe: 'M15', trendTimeframe: 'H1', trendPeriod: 20, slow: 24 },
      record: ['trades', 'equity'],
    },
    params: [{ name: 'fast', kind: 'list', values: fasts }],
    search: { kind: 'grid' },
    objective: 'net-profit',
    minTrades: 0,
    walkForward: null,
    ...over,
  };
}

/** The sweep's final event saying `status` (a sweep paused once has one per session). */
const ended = (log: EventLog, sweepId: string, status = 'completed') =>
  log.waitFor('sweep:progress', (e) => e.sweepId === sweepId && e.status === status, 60_000);

describe('sweeps:*', () => {
  it('plans: the job count of a good spec, the reason a bad one cannot run (not a rejection)', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    expect(await backend.invoke('sweeps:plan', { spec: spec([4, 6, 8]) })).toEqual({
      jobs: 3,
      windows: 0,
      error: null,
    });
    const unknown = await backend.invoke('sweeps:plan', {
      spec: { ...spec([4]), params: [{ name: 'nosuch', kind: 'list', values: [1, 2] }] },
    });
    expect(unknown.jobs).toBe(0);
    expect(unknown.error, 'the error names the param').toMatch(/nosuch/);
    // Arguments the contract refuses are still a rejection, before anything runs.
    await expect(
      backend.invoke('sweeps:plan', { spec: { ...spec([4]), params: [] } }),
    ).rejects.toThrow(/sweeps:plan: invalid arguments/);
  });

  it('starts in the background, reports progress to the end, and its jobs are runs', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { sweepId } = await backend.invoke('sweeps:start', { spec: spec([4, 8]), workers: 2 });
    expect(sweepId).toMatch(/^sw-\d{8}-\d{6}-[0-9a-f]{4}$/);
    const last = await ended(log, sweepId);
    expect(last).toMatchObject({ status: 'completed', jobsTotal: 2, jobsDone: 2, jobsRunning: 0 });
    const events = log.of('sweep:progress').filter((e) => e.sweepId === sweepId);
    expect(events.at(-1), 'nothing after the final event').toEqual(last);
    expect(
      events.filter((e) => e.status !== 'running'),
      'one final event',
    ).toHaveLength(1);

    const detail = await backend.invoke('sweeps:get', { sweepId });
    expect(detail.status).toBe('completed');
    expect(detail.jobs.map((j) => [j.index, j.params.fast, j.status])).toEqual([
      [0, 4, 'completed'],
      [1, 8, 'completed'],
    ]);
    expect(detail.bestJob).not.toBeNull();
    const runs = await backend.invoke('runs:list');
    const jobRuns = runs.filter((r) => r.sweepId === sweepId).map((r) => r.id);
    expect(jobRuns.sort()).toEqual(detail.jobs.map((j) => j.runId).sort());
    const run = await backend.invoke('runs:get', { runId: detail.jobs[1]!.runId! });
    expect(run.strategy?.params).toMatchObject({ fast: 8, slow: 24, trendTimeframe: 'H1' });
    expect(run.record).toEqual(['trades', 'equity']);

    expect((await backend.invoke('sweeps:list')).map((s) => s.id)).toEqual([sweepId]);
    expect(await backend.invoke('sweeps:recoverable')).toEqual([]);
    await expect(backend.invoke('sweeps:get', { sweepId: 'sw-nosuch' })).rejects.toThrow(
      "no sweep 'sw-nosuch'",
    );
  });

  it('pauses (protecting its ticks meanwhile), lists it recoverable, and resumes to the end', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { sweepId } = await backend.invoke('sweeps:start', {
      spec: spec([4, 6, 8, 10]),
      workers: 1,
    });
    await expect(
      backend.invoke('data:generate', { symbol: 'EURUSD', start: '2024-02-01', days: 1, seed: 2 }),
    ).rejects.toThrow(`sweep ${sweepId} is reading the ticks of EURUSD`);
    await backend.invoke('sweeps:pause', { sweepId });
    const paused = await backend.invoke('sweeps:get', { sweepId });
    expect(paused.status).toBe('paused');
    expect(paused.jobsDone, 'one job at a time: a pause comes before the fourth').toBeLessThan(4);
    expect(log.of('sweep:progress').at(-1)).toMatchObject({ sweepId, status: 'paused' });
    expect((await backend.invoke('sweeps:recoverable')).map((s) => s.id)).toEqual([sweepId]);

    await backend.invoke('sweeps:resume', { sweepId });
    await expect(backend.invoke('sweeps:resume', { sweepId })).rejects.toThrow('is running');
    await ended(log, sweepId);
    const done = await backend.invoke('sweeps:get', { sweepId });
    expect(done.jobs.map((j) => j.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
    ]);
    expect(await backend.invoke('sweeps:recoverable')).toEqual([]);
    await expect(backend.invoke('sweeps:resume', { sweepId })).rejects.toThrow('completed');
  });

  it('exports jobs.csv and best.json into exports/sweep-<id>', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { sweepId } = await backend.invoke('sweeps:start', { spec: spec([4, 8]) });
    await ended(log, sweepId);
    const { dir, files } = await backend.invoke('sweeps:export', { sweepId });
    expect(dir).toBe(path.join(dataDir, 'exports', `sweep-${sweepId}`));
    expect([...files].sort()).toEqual(['best.json', 'jobs.csv']);
    const csv = fs.readFileSync(path.join(dir, 'jobs.csv'), 'utf8').trim().split('\n');
    expect(csv, 'a header and one row per job').toHaveLength(3);
    expect(csv[0]).toMatch(/^index,phase,window,fast,status,objective,/);
  });

  it('closing the backend pauses a running sweep; the next backend offers it and finishes it', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const { sweepId } = await backend.invoke('sweeps:start', {
      spec: spec([4, 6, 8, 10]),
      workers: 1,
    });
    await backend.close();

    const { backend: again } = await backendIn(dataDir);
    const [offered] = await again.invoke('sweeps:recoverable');
    expect(offered).toMatchObject({ id: sweepId, status: 'paused' });
    const log = new EventLog(again);
    await again.invoke('sweeps:resume', { sweepId, workers: 2 });
    await ended(log, sweepId);
    const detail = await again.invoke('sweeps:get', { sweepId });
    expect(detail.jobs.every((j) => j.status === 'completed' && j.runId !== null)).toBe(true);
  });
});
