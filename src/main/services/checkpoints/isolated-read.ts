/**
 * Runs a checkpoint read request (verify / inspect / diff) in a short-lived worker thread with a
 * heap limit and a deadline. The readers bound what they allocate, but the backend serving the
 * app and the web bridge must survive even a blow-up nobody foresaw: it then kills only this
 * worker, and the caller gets an error naming what happened. A worker per request costs tens of
 * milliseconds, nothing next to a user clicking "verify".
 *
 * Limits (environment, read per request so tests can make them small):
 *   BACKTESTR_CKPT_READ_HEAP_MB     V8 old-generation limit of the worker (default 1024)
 *   BACKTESTR_CKPT_READ_TIMEOUT_MS  deadline for one request (default 120 000)
 */
import { Worker } from 'node:worker_threads';
import type { ReadAnswer, ReadRequest } from './checkpoint-read-ops.ts';

export const READ_HEAP_ENV = 'BACKTESTR_CKPT_READ_HEAP_MB';
export const READ_TIMEOUT_ENV = 'BACKTESTR_CKPT_READ_TIMEOUT_MS';

const WORKER_URL = new URL('./checkpoint-read-worker.ts', import.meta.url);

function positiveEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function filesOf(req: ReadRequest): string {
  return req.op === 'diff' ? `${req.a} and ${req.b}` : req.file;
}

type FromReadWorker = { ok: true; value: unknown } | { ok: false; message: string };

/** The request's answer; rejects with the reader's error, or why the worker had to stop. */
export function readIsolated<R extends ReadRequest>(req: R): Promise<ReadAnswer<R>> {
  const heapMb = positiveEnv(READ_HEAP_ENV, 1024);
  const timeoutMs = positiveEnv(READ_TIMEOUT_ENV, 120_000);
  const worker = new Worker(WORKER_URL, {
    workerData: req,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  return new Promise<ReadAnswer<R>>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      done();
    };
    const fail = (why: string): void =>
      settle(() => reject(new Error(`reading checkpoint ${filesOf(req)} failed: ${why}`)));
    const timer = setTimeout(
      () => fail(`no answer within ${timeoutMs} ms; the reader was stopped`),
      timeoutMs,
    );
    worker.on('message', (m: FromReadWorker) =>
      m.ok
        ? settle(() => resolve(m.value as ReadAnswer<R>))
        : settle(() => reject(new Error(m.message))),
    );
    // ERR_WORKER_OUT_OF_MEMORY and friends: the limit did its job, only this worker is gone.
    worker.on('error', (e) => fail(`${e.message} (limit ${heapMb} MB of heap)`));
    worker.on('exit', (code) => fail(`the reader exited (code ${code}) without an answer`));
  });
}
