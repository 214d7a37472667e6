/**
 * Child process for writer-process.test.ts, run as `node writer-child.ts <mode> <dir>`:
 *   hold   write seq 2 and never close; the test sets BACKTESTR_CKPT_TEST_DELAY_MS and SIGKILLs
 *          this process while the temp file exists (a crash mid-checkpoint)
 *   idle   write seq 1, await it, never close: the process must still exit on its own
 *   leave  start writing seq 1 (with a test delay) and let the main script end without awaiting:
 *          the write in flight must keep the process alive until it is durable
 */
import { CheckpointWriter } from '../../../src/main/services/checkpoints/checkpoint-writer.ts';

const [mode, dir] = process.argv.slice(2);
const payload = new TextEncoder().encode(
  `checkpoint payload written by the ${mode} child`.repeat(500),
);
const job = (seq: number) => ({ dir, seq, ticks: seq * 1000, createdAt: 1, version: 1, payload });
const writer = await CheckpointWriter.start();
if (mode === 'hold') {
  void writer.write(job(2));
  process.stdout.write('submitted\n');
  setInterval(() => {}, 1000); // stay alive until killed
} else if (mode === 'idle') {
  const r = await writer.write(job(1));
  process.stdout.write(`${JSON.stringify({ ok: r.ok })}\n`);
} else if (mode === 'leave') {
  void writer.write(job(1));
  process.stdout.write('submitted\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}
