/**
 * Enforces the checkpoint budget after each checkpoint write without the engine thread paying for
 * it: requestBudgetPass posts the data folder to a background thread (budget-worker.ts; one per
 * thread that writes checkpoints: the CLI's main thread, each run's worker in the app), which
 * scans, plans and deletes with its own SQLite connection. Requests that arrive while a pass runs
 * are answered by the next single pass, so a fast checkpoint interval cannot queue up work. Idle,
 * the thread does not keep the process alive; a process that ends mid-pass loses nothing (the
 * next write's pass does the rest).
 */
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./budget-worker.ts', import.meta.url);

export interface BudgetRequest {
  dataDir: string;
}

export type FromBudgetWorker = { type: 'done'; requests: number; error: string | null };

let worker: Worker | null = null;
let pending = 0;
let waiters: (() => void)[] = [];
/** The last pass's failure (a busy database, an unreadable setting), for diagnosis. */
export let lastBudgetError: string | null = null;

function settle(): void {
  if (pending > 0) return;
  worker?.unref();
  const ready = waiters;
  waiters = [];
  for (const w of ready) w();
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_URL);
  w.on('message', (m: FromBudgetWorker) => {
    pending = Math.max(0, pending - m.requests);
    if (m.error !== null) lastBudgetError = m.error;
    settle();
  });
  const gone = (why: string): void => {
    if (worker === w) worker = null;
    lastBudgetError = why;
    pending = 0;
    settle();
  };
  w.on('error', (e) => gone(`checkpoint budget thread failed: ${e.message}`));
  w.on('exit', (code) => gone(`checkpoint budget thread exited (code ${code})`));
  worker = w;
  return w;
}

/**
 * Starts the thread ahead of the first request (idle, it keeps nothing alive): called where a
 * session opens its checkpoints, so the engine loop never pays for spawning it.
 */
export function prepareBudgetThread(): void {
  try {
    started().unref();
  } catch (e) {
    lastBudgetError = (e as Error).message;
  }
}

/** Asks for a budget pass over `dataDir` soon, off this thread. Never throws, never waits. */
export function requestBudgetPass(dataDir: string): void {
  try {
    const w = started();
    pending++;
    w.ref(); // a requested pass should finish before the process ends on its own
    w.postMessage({ dataDir } satisfies BudgetRequest);
  } catch (e) {
    lastBudgetError = (e as Error).message;
  }
}

/** Resolves once every requested pass has run (at once when none is pending). */
export function budgetPassesSettled(): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}
