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
