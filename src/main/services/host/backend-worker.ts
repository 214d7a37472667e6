/**
 * The backend's worker thread: creates the backend (data folder and host from workerData) and
 * serves the protocol in protocol.ts — calls in, results and events out. Runs, SQLite and
 * checkpoint capture all happen here, off the Electron main thread, which stays free for the
 * window. Started by worker-backend.ts; bundled as its own entry (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend, type Backend } from '../api/backend.ts';
import { EVENT_NAMES, type BackendWorkerData, type FromWorker, type ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('backend-worker.ts must run in a worker thread');

const send = (msg: FromWorker): void => port.postMessage(msg);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function serve(backend: Backend, msg: ToWorker): Promise<void> {
  try {
    const value =
      msg.type === 'invoke'
        ? await backend.invoke(msg.channel, msg.args as never)
        : msg.type === 'pauseAll'
          ? await backend.pauseAll()
          : await backend.close();
    try {
      send({ type: 'result', id: msg.id, ok: true, value });
    } catch (err) {
      // Not structured-cloneable: a bug in a handler, reported instead of losing the call.
      send({
        type: 'result',
        id: msg.id,
        ok: false,
        message: `result not sendable: ${messageOf(err)}`,
      });
    }
  } catch (err) {
    send({ type: 'result', id: msg.id, ok: false, message: messageOf(err) });
  }
}

const data = workerData as BackendWorkerData;
let backend: Backend;
try {
  backend = await createBackend({ dataDir: data.dataDir, host: data.host });
} catch (err) {
  send({ type: 'startFailed', message: messageOf(err) });
  process.exit(1); // in a worker: ends this thread only
}
for (const event of EVENT_NAMES) {
  backend.on(event, (payload) => send({ type: 'event', event, payload }));
}
port.on('message', (msg: ToWorker) => void serve(backend, msg));
send({ type: 'ready' });
