/**
 * The mirror's build thread: reading a checkpoint, the run's output rows and zstd for a savepoint
 * take from milliseconds to seconds as a run's output grows, and the thread that asked must stay
 * free meanwhile — a CLI's answers Ctrl-C, a cluster worker's renews its BullMQ locks. Its own
 * connection to the data folder's database (WAL: it reads what the run committed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import { buildSavepoint, type BuildReply, type BuildRequest } from './savepoint-build.ts';

const port = parentPort;
if (!port) throw new Error('savepoint-build-worker.ts must run in a worker thread');
const db = openDatabase((workerData as { dataDir: string }).dataDir);
const hasher = loadHasher();

port.on('message', async (req: BuildRequest) => {
  await hasher;
  const started = performance.now();
  let reply: BuildReply;
  try {
    const bytes = buildSavepoint(db, req.file, req.runId);
    reply = { id: req.id, ok: true, bytes, ms: performance.now() - started };
  } catch (err) {
    reply = { id: req.id, ok: false, error: (err as Error).message };
  }
  port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
