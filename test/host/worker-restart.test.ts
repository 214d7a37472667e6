// Electron's glue gives the worker backend an onConnection: a dead worker is reported at once
// ('disconnected') and replaced without waiting for a call ('connected' when the new one is
// ready), so the window's banner comes and goes and its views refresh by themselves.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../src/shared/connection.ts';
import {
  startWorkerBackend,
  type WorkerBackend,
} from '../../src/main/services/host/worker-backend.ts';
import { tempDataDir } from '../api/helpers.ts';

const tempDir = tempDataDir();
const started: WorkerBackend[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.close();
});

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000; // a generous deadline, not a speed requirement
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('worker backend restart', () => {
  it('reports a dead worker disconnected, restarts it unasked, then reports connected', async () => {
    const events: ConnectionEvent[] = [];
    const backend = await startWorkerBackend({
      dataDir: tempDir(),
      host: 'electron',
      onConnection: (e) => events.push(e),
    });
    started.push(backend);
    expect(events).toEqual([]);
    const first = backend.worker!;
    await first.terminate();
    await waitUntil(() => events.length === 2, 'the restart');
    expect(events.map((e) => e.state)).toEqual(['disconnected', 'connected']);
    expect(backend.worker, 'a new worker, started without a call').not.toBeNull();
    expect(backend.worker).not.toBe(first);
    expect((await backend.invoke('app:info')).host).toBe('electron');
  });

  it('does not restart or report anything when closed on purpose', async () => {
    const events: ConnectionEvent[] = [];
    const backend = await startWorkerBackend({
      dataDir: tempDir(),
      host: 'electron',
      onConnection: (e) => events.push(e),
    });
    await backend.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([]);
    expect(backend.worker).toBeNull();
  });
});
