/**
 * Budgets of one isolated checkpoint read (isolated-read.ts), from the environment and read per
 * request so tests can make them small:
 *   BACKTESTR_CKPT_READ_HEAP_MB     V8 old-generation limit of the reader (default 1024)
 *   BACKTESTR_CKPT_READ_TIMEOUT_MS  deadline for one request (default 120 000)
 */
import type { ReadRequest } from './checkpoint-read-ops.ts';

export const READ_HEAP_ENV = 'BACKTESTR_CKPT_READ_HEAP_MB';
export const READ_TIMEOUT_ENV = 'BACKTESTR_CKPT_READ_TIMEOUT_MS';

function positiveEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export interface ReadLimits {
  heapMb: number;
  timeoutMs: number;
}

export function readLimits(): ReadLimits {
  return {
    heapMb: Math.ceil(positiveEnv(READ_HEAP_ENV, 1024)),
    timeoutMs: positiveEnv(READ_TIMEOUT_ENV, 120_000),
  };
}

/** The reader's own answer, as it crosses the thread or process boundary. */
export type FromReader = { ok: true; value: unknown } | { ok: false; message: string };

/** "reading checkpoint <file(s)> failed: <why>": every failure of the isolation names the file. */
export function readFailure(req: ReadRequest, why: string): Error {
  const files = req.op === 'diff' ? `${req.a} and ${req.b}` : req.file;
  return new Error(`reading checkpoint ${files} failed: ${why}`);
}

/**
 * Test hook: when "1", the child process reader aborts (SIGABRT, like V8 at its heap limit) before
 * answering, so tests can prove an abort ends only the reader. Nothing else reads it.
 */
export const READER_ABORT_TEST_ENV = 'BACKTESTR_TEST_READER_ABORT';

/** How a reader (thread or process) ends its one request: at most once, and always by deadline. */
export interface ReadSettler {
  /** The reader's message: its answer or its own error. */
  answer(m: FromReader): void;
  /** Ends the request with readFailure(req, why). */
  fail(why: string): void;
}

/**
 * The one-shot bookkeeping both readers share: the first of answer / fail / deadline wins, the
 * reader is stopped (`stop`), later events are ignored.
 */
export function settleRead<A>(
  req: ReadRequest,
  timeoutMs: number,
  stop: () => void,
  resolve: (value: A) => void,
  reject: (err: Error) => void,
): ReadSettler {
  let settled = false;
  const settle = (done: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    stop();
    done();
  };
  const fail = (why: string): void => settle(() => reject(readFailure(req, why)));
  const timer = setTimeout(
    () => fail(`no answer within ${timeoutMs} ms; the reader was stopped`),
    timeoutMs,
  );
  return {
    answer: (m) =>
      m.ok ? settle(() => resolve(m.value as A)) : settle(() => reject(new Error(m.message))),
    fail,
  };
}
