/**
 * A throwaway worker thread that answers one checkpoint read request (checkpoint-read-ops.ts) and
 * exits. Started by isolated-read.ts with resource limits; bundled as its own entry
 * (electron.vite.config.ts MAIN_WORKERS).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadHasher } from '../hash.ts';
import { runReadRequest, type ReadRequest } from './checkpoint-read-ops.ts';

const port = parentPort;
if (!port) throw new Error('checkpoint-read-worker.ts must run in a worker thread');

try {
  await loadHasher();
  port.postMessage({ ok: true, value: runReadRequest(workerData as ReadRequest) });
} catch (err) {
  port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
