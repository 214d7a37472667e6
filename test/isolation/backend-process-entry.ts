/**
 * Test support, run as a child process by backend-process.ts: the app's backend exactly as
 * Electron and the web bridge host it (startWorkerBackend: a worker thread of this process), its
 * calls and events relayed over the IPC channel. If something inside aborts the process (a V8
 * heap abort in a worker thread), only this child dies and the test can say so.
 */
import { EVENT_NAMES } from '../../src/shared/api.ts';
import type { Channel } from '../../src/shared/contract.ts';
import { startWorkerBackend } from '../../src/main/services/host/worker-backend.ts';

export type ToBackendProcess =
  | { id: number; channel: Channel; args: unknown }
  /** The backend worker thread's id: unchanged means that thread survived. */
  | { id: number; channel: 'test:workerThreadId' }
  | { id: number; channel: 'test:close' };

export type FromBackendProcess =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; message: string }
  | { type: 'event'; event: string; payload: unknown };

const send = (m: FromBackendProcess): void => void process.send!(m);
const backend = await startWorkerBackend({ dataDir: process.argv[2]!, host: 'web' });
for (const event of EVENT_NAMES)
  backend.on(event, (payload) => send({ type: 'event', event, payload }));
process.once('disconnect', () => void backend.close().then(() => process.exit(0)));
process.on('message', (m: ToBackendProcess) => void serve(m));
send({ type: 'ready' });

async function serve(m: ToBackendProcess): Promise<void> {
  try {
    const value =
      m.channel === 'test:workerThreadId'
        ? (backend.worker?.threadId ?? null)
        : m.channel === 'test:close'
          ? await backend.close()
          : await backend.invoke(m.channel, m.args as never);
    send({ type: 'result', id: m.id, ok: true, value });
  } catch (err) {
    send({ type: 'result', id: m.id, ok: false, message: (err as Error).message });
  }
}
