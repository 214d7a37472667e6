/**
 * Runs a checkpoint read request (verify / inspect / diff) away from the backend, with a heap
 * limit and a deadline. The readers bound what they allocate, but the backend serving the app and
 * the web bridge must survive even a blow-up nobody foresaw; the caller then gets an error naming
 * the file and what happened.
 *
 * Where: a child process (process-read.ts) under Node — the CLI, the web bridge, tests — because
 * only a process boundary contains a V8 heap abort: measured with Node 24.21, a worker thread
 * with resourceLimits that push()es numbers onto one array until 48 MB, or makes one 200 M-slot
 * array, takes its whole process down (FATAL ERROR: Reached heap limit, SIGABRT) 5 times out of 5.
 *
 * Inside Electron it stays a worker thread (thread-read.ts) for now: the packaged app's fuses
 * switch ELECTRON_RUN_AS_NODE off (electron-builder.yml), so forking process.execPath would start
 * a second app, not a Node; a child there must be an Electron utilityProcess, which only the main
 * thread can start — the backend lives in a worker thread and would need it relayed.
 */
import type { ReadAnswer, ReadRequest } from './checkpoint-read-ops.ts';
import { readInProcess } from './process-read.ts';
import { readInThread } from './thread-read.ts';

export { READ_HEAP_ENV, READ_TIMEOUT_ENV } from './read-limits.ts';

/** The request's answer; rejects with the reader's error, or why the reader had to stop. */
export function readIsolated<R extends ReadRequest>(req: R): Promise<ReadAnswer<R>> {
  return process.versions.electron ? readInThread(req) : readInProcess(req);
}
