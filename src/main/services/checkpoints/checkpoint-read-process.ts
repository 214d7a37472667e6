/**
 * A throwaway child process that answers one checkpoint read request (checkpoint-read-ops.ts)
 * over its IPC channel and exits. Started by process-read.ts with --max-old-space-size: when a
 * file still blows the heap, V8 aborts this process and nothing else. Bundled as its own entry
 * (electron.vite.config.ts MAIN_WORKERS).
 */
import { loadHasher } from '../hash.ts';
import { runReadRequest, type ReadRequest } from './checkpoint-read-ops.ts';
import { READER_ABORT_TEST_ENV, type FromReader } from './read-limits.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('checkpoint-read-process.ts must be started with an IPC channel');

// The parent is gone (it crashed, or gave up on us): nobody wants the answer any more.
process.once('disconnect', () => process.exit(0));

process.once('message', (req: ReadRequest) => void answer(req));

async function answer(req: ReadRequest): Promise<void> {
  if (process.env[READER_ABORT_TEST_ENV] === '1') process.abort();
  let out: FromReader;
  try {
    await loadHasher();
    out = { ok: true, value: runReadRequest(req) };
  } catch (err) {
    out = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  try {
    send!(out, () => process.disconnect());
  } catch (err) {
    // Not serialisable: a bug in a report, reported instead of losing the answer.
    send!({ ok: false, message: `answer not sendable: ${(err as Error).message}` }, () =>
      process.disconnect(),
    );
  }
}
