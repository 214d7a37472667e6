/**
 * The heartbeat thread of one run session: writes the run's `heartbeat_at` every interval, with
 * its own SQLite connection, so a strategy that keeps the engine thread busy for minutes cannot
 * make a live run look dead (and be taken over). Only a stopped or frozen process stops beating.
 * The write is conditional on the session's claim; when it no longer matches, the run has
 * another owner: the thread tells the session and ends.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { heartbeat } from './run-ownership.ts';
import type { HeartbeatData, FromHeartbeat } from './heartbeat-thread.ts';

const port = parentPort;
if (!port) throw new Error('heartbeat-worker.ts must run in a worker thread');
const { dbPath, claim, intervalMs } = workerData as HeartbeatData;

const db = new Database(dbPath, { fileMustExist: true });
// Shorter than the interval: a beat that waits long on another writer is worth less than the next.
db.pragma(`busy_timeout = ${Math.max(10, intervalMs)}`);

function beat(): void {
  let alive: boolean;
  try {
    alive = heartbeat(db, claim);
  } catch {
    return; // busy (another writer held the lock a whole interval): the next beat tries again
  }
  if (alive) return;
  clearInterval(timer);
  db.close();
  port!.postMessage({ type: 'lost' } satisfies FromHeartbeat);
}

const timer = setInterval(beat, intervalMs);
beat();
port.postMessage({ type: 'ready' } satisfies FromHeartbeat);
