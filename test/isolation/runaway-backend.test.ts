// The app's backend (in its worker thread, as Electron and the web bridge run it) with a strategy
// that never returns from onBar, or that allocates without bound: every call is still answered
// while that run is stuck, and the run alone fails, with the reason.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startWorkerBackend,
  type WorkerBackend,
} from '../../src/main/services/host/worker-backend.ts';
import type { BackendApi } from '../../src/shared/contract.ts';
import { EventLog, seed, tempDataDir } from '../api/helpers.ts';
import { writeStrategy } from '../strategies/helpers.ts';
import { startBackendProcess, type BackendProcess } from './backend-process.ts';
import { ENDLESS_ON_BAR, HOARDER, stuckInOnBar } from './strategies.ts';

// Small heaps for run workers (inherited by the backend's worker): the hoarder hits the limit
// after a few MB instead of gigabytes.
vi.hoisted(() => {
  process.env.BACKTESTR_RUN_MEMORY_MB = '48';
});

const tempDir = tempDataDir();
const started: WorkerBackend[] = [];
const processes: BackendProcess[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.close();
  for (const b of processes.splice(0)) await b.close();
});

async function backendWith(file: string, source: string) {
  const dataDir = tempDir();
  const path = writeStrategy(dataDir, file, source);
  const backend = await startWorkerBackend({ dataDir, host: 'web' });
  started.push(backend);
  await seed(backend);
  return { backend, dataDir, path, log: new EventLog(backend) };
}

describe('a runaway strategy in the app backend', () => {
  it('keeps answering runs:list, app:info and runs:pause while onBar loops, and fails that run after its budget', async () => {
    const { backend, path, log } = await backendWith('endless.mjs', ENDLESS_ON_BAR);
    const { runId } = await backend.invoke('runs:start', {
      symbols: ['EURUSD'],
      timeframes: ['M1', 'H1'],
      strategy: 'endless',
      checkpoints: null,
      callbackTimeoutMs: 5000,
    });
    await stuckInOnBar(path);
    // Stuck from the first H1 close on; each call below is answered meanwhile (before this
    // change they all waited for the loop, i.e. forever).
    const info = await backend.invoke('app:info');
    expect(info.host).toBe('web');
    const listed = await backend.invoke('runs:list');
    expect(listed.find((r) => r.id === runId)?.status).toBe('running');
    expect(log.of('run:state', runId).filter((s) => s.status !== 'running')).toEqual([]);
    // A pause cannot be honoured by a thread that never returns: it waits for the run's end.
    await backend.invoke('runs:pause', { runId });
    const end = await log.ended(runId);
    const why = `strategy ${path}: onBar on EURUSD H1 bar 2024-01-03T00:00:00Z ran longer than 5 s`;
    expect(end).toMatchObject({ status: 'failed', error: why });
    const run = await backend.invoke('runs:get', { runId });
    expect(run).toMatchObject({ status: 'failed', error: why });
    // Released: another run of the same data starts and completes in the same backend.
    const again = await backend.invoke('runs:start', { symbols: ['EURUSD'], checkpoints: null });
    expect((await log.ended(again.runId)).status).toBe('completed');
  });

  // Hosted in a child process: a heap blow-up in a worker thread may abort the whole process
  // (nodejs/node#47224), which in-process would kill the vitest worker and name no file. Here
  // the test fails saying how the backend process died.
  it('fails a run whose strategy allocates without bound at the heap limit, and the app keeps going', async () => {
    const dataDir = tempDir();
    writeStrategy(dataDir, 'hoarder.mjs', HOARDER);
    const backend = await startBackendProcess(dataDir);
    processes.push(backend);
    const log = new EventLog(backend as BackendApi);
    await seed(backend as BackendApi);
    const thread = await backend.workerThreadId();
    const { runId } = await backend.invoke('runs:start', {
      symbols: ['EURUSD'],
      timeframes: ['M1'],
      strategy: 'hoarder',
      checkpoints: null,
    });
    const end = await log.ended(runId, 60_000);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(
      /^strategy .*hoarder\.mjs ran out of memory \(the run's heap limit is 48 MB\)$/,
    );
    expect((await backend.invoke('runs:get', { runId })).status).toBe('failed');
    expect((await backend.invoke('app:info')).host).toBe('web');
    expect(await backend.workerThreadId(), 'the backend worker itself survived').toBe(thread);
  });
});
