/**
 * A checkpoint read request in a short-lived worker thread with a heap limit and a deadline: the
 * fallback isolated-read.ts uses inside Electron, where it cannot start a child process (see
 * there). resourceLimits termination is best effort: most blow-ups end only this worker, but V8
 * aborts the whole process when the failing allocation is one large block (a big array's backing
 * store) — measured with Node 24, see docs in isolated-read.ts.
 */
import { Worker } from 'node:worker_threads';
import type { ReadAnswer, ReadRequest } from './checkpoint-read-ops.ts';
import { readLimits, settleRead } from './read-limits.ts';

const WORKER_URL = new URL('./checkpoint-read-worker.ts', import.meta.url);

/** The request's answer; rejects with the reader's error, or why the worker had to stop. */
export function readInThread<R extends ReadRequest>(req: R): Promise<ReadAnswer<R>> {
  const { heapMb, timeoutMs } = readLimits();
  const worker = new Worker(WORKER_URL, {
    workerData: req,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  return new Promise<ReadAnswer<R>>((resolve, reject) => {
    const { answer, fail } = settleRead<ReadAnswer<R>>(
      req,
      timeoutMs,
      () => void worker.terminate(),
      resolve,
      reject,
    );
    worker.on('message', answer);
    worker.on('error', (e) =>
      fail(
        (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (limit ${heapMb} MB)`
          : e.message,
      ),
    );
    worker.on('exit', (code) => fail(`the reader exited (code ${code}) without an answer`));
  });
}
