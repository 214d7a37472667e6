/**
 * The checkpoint budget's thread (budget-thread.ts): runs enforceCheckpointBudget for the data
 * folders it is sent, one pass per folder for all requests that arrived since its last pass.
 * Each folder's database gets its own connection here, so the engine thread's connection and
 * its transactions are never involved.
 */
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { databasePath, type Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import type { BudgetRequest, FromBudgetWorker } from './budget-thread.ts';
import { enforceCheckpointBudget } from './enforce-budget.ts';

const port = parentPort;
if (!port) throw new Error('budget-worker.ts must run in a worker thread');

const connections = new Map<string, Db>();
function connection(dataDir: string): Db {
  let db = connections.get(dataDir);
  if (!db) {
    db = new Database(databasePath(dataDir), { fileMustExist: true });
    db.pragma('busy_timeout = 10000'); // wait for the sessions' writes, as every connection does
    connections.set(dataDir, db);
  }
  return db;
}

const queued = new Map<string, number>();
let scheduled = false;
const hasher = loadHasher(); // checksums, to tell a run's newest intact checkpoint

async function flush(): Promise<void> {
  scheduled = false;
  await hasher;
  const batch = [...queued];
  queued.clear();
  for (const [dataDir, requests] of batch) {
    let error: string | null = null;
    try {
      enforceCheckpointBudget(connection(dataDir), dataDir);
    } catch (e) {
      error = `checkpoint budget pass over ${dataDir}: ${(e as Error).message}`;
    }
    port!.postMessage({ type: 'done', requests, error } satisfies FromBudgetWorker);
  }
  // The app has one data folder, a test process many: keep only the connections just used.
  for (const [dataDir, db] of connections) {
    if (queued.has(dataDir) || batch.some(([d]) => d === dataDir)) continue;
    db.close();
    connections.delete(dataDir);
  }
}

port.on('message', ({ dataDir }: BudgetRequest) => {
  queued.set(dataDir, (queued.get(dataDir) ?? 0) + 1);
  if (scheduled) return;
  scheduled = true;
  // After the messages already delivered: they join this pass instead of each making one.
  setImmediate(() => void flush());
});
