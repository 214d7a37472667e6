/**
 * A sweep when the app's backend worker thread dies under it (a crash, not a shutdown): the
 * process lives on, so only the next backend can tell the sweep has nobody driving it. It must
 * offer the sweep for relaunch as interrupted, and resuming it must finish every job.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startWorkerBackend,
  type WorkerBackend,
} from '../../src/main/services/host/worker-backend.ts';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { EventLog, seed, tempDataDir } from '../api/helpers.ts';

// Each engine step sleeps this long, in the worker too: a job lasts long enough to kill the
// backend in the middle of the sweep.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '25';
});

const tempDir = tempDataDir();
const started: WorkerBackend[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.close();
});

const SPEC: ArgsOf<'sweeps:start'>['spec'] = {
  base: {
    symbols: ['EURUSD'],
    from: null,
    to: null,
    strategy: 'ma-cross',
    fixed: { timeframe: 'M15', trendTimeframe: 'H1', trendPeriod: 20, slow: 24 },
    record: ['trades', 'equity'],
  },
  params: [{ name: 'fast', kind: 'list', values: [4, 6, 8] }],
  search: { kind: 'grid' },
  objective: 'net-profit',
  minTrades: 0,
  walkForward: null,
};

describe('a sweep in the backend worker', () => {
  it('is offered as interrupted after the worker died mid-sweep, and resumes to the end', async () => {
    const backend = await startWorkerBackend({ dataDir: tempDir(), host: 'electron' });
    started.push(backend);
    await seed(backend);
    const log = new EventLog(backend);
    const { sweepId } = await backend.invoke('sweeps:start', { spec: SPEC, workers: 1 });
    await log.waitFor('sweep:progress', (e) => e.sweepId === sweepId && e.jobsRunning > 0);
    await backend.worker!.terminate(); // as abrupt as a crash: no pause

    const recoverable = await backend.invoke('sweeps:recoverable');
    expect(recoverable.map((s) => [s.id, s.status])).toEqual([[sweepId, 'interrupted']]);
    expect(recoverable[0]!.jobsDone).toBeLessThan(3);

    await backend.invoke('sweeps:resume', { sweepId });
    await log.waitFor(
      'sweep:progress',
      (e) => e.sweepId === sweepId && e.status === 'completed',
      60_000,
    );
    const detail = await backend.invoke('sweeps:get', { sweepId });
    expect(detail.jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
  });
});
