/**
 * The checkpoint writer's worker thread: everything slow about a checkpoint happens here, off the
 * engine thread — the plain-codec encoding of a handed-off capture (checkpoint-handoff.ts), zstd,
 * hashing, the durable write with its fsyncs, and reading the file back.
 * A result is ok only once the file on disk has been read back, verified and decompressed to the
 * exact payload that was handed in.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ByteWriter } from '../../engine/persist/byte-writer.ts';
import { hasherSync, loadHasher } from '../hash.ts';
import {
  checkpointFileName,
  CorruptCheckpointError,
  decodeBtck,
  encodeBtck,
  quarantine,
  writeFileDurably,
} from './btck/index.ts';
import { readRegularFile } from './btck/regular-file.ts';
import {
  TEST_DELAY_ENV,
  type CheckpointJob,
  type FromWorker,
  type ToWorker,
  type WorkerResult,
} from './checkpoint-writer-protocol.ts';
import { fencedWrite, RunFencedError } from '../runs/run-fence.ts';
import { writeRecorderRows } from '../runs/recorder-writes.ts';
import { payloadFromHandoff } from './checkpoint-handoff.ts';
import { fenceConnection, renameFenced } from './write-fence.ts';

const port = parentPort;
if (!port) throw new Error('checkpoint-writer-worker.ts must run in a worker thread');

/**
 * Test hook: BACKTESTR_CKPT_TEST_DELAY_MS=n makes every write sleep n ms after the temp file is
 * durable and before the rename, so crash tests can SIGKILL the process while a checkpoint is
 * being written and check that only a stray .tmp (never a partial .btck) is left. Unset in the app.
 */
function testDelayMs(): number {
  const n = Number(process.env[TEST_DELAY_ENV] ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Reads the file back from disk, exactly as a resume will (regular file, size and decompression
 * caps), and checks it decodes to the payload handed in: a state too big for the caps fails here,
 * with the reason, instead of becoming a checkpoint no reader accepts.
 */
function validateWritten(
  file: string,
  job: CheckpointJob,
  payload: Uint8Array,
  payloadHash: bigint,
): number {
  const onDisk = readRegularFile(file);
  const back = decodeBtck(onDisk, job.version);
  const hash = hasherSync().h64Raw(back.payload, 0n);
  if (back.header.version !== job.version || back.header.createdAt !== job.createdAt) {
    throw new CorruptCheckpointError('mismatch', 'header read back differs from the one written');
  }
  if (back.payload.length !== payload.length || hash !== payloadHash) {
    throw new CorruptCheckpointError('mismatch', 'payload read back differs from the one written');
  }
  return onDisk.length;
}

/** Kept between checkpoints: its buffer grows to the state's size once and is then reused. */
const encoder = new ByteWriter(1 << 20);

/** Commits the run's output the checkpoint counts; a failure is the run's, not the file's. */
function commitRows(job: CheckpointJob): WorkerResult | null {
  if (!job.rows) return null;
  try {
    if (!job.fence) throw new Error('run output handed to the writer without its claim');
    const db = fenceConnection(job.fence.dbPath);
    fencedWrite(db, job.fence, () => writeRecorderRows(db, job.rows!));
    return null;
  } catch (e) {
    if (e instanceof RunFencedError) return failure(job.seq, e);
    const error = e instanceof Error ? e.message : String(e);
    return { ok: false, seq: job.seq, error: `run output not committed: ${error}`, code: 'EROWS' };
  }
}

async function writeCheckpoint(job: CheckpointJob): Promise<WorkerResult> {
  const { seq } = job;
  const t = performance.now();
  const rowsFailed = commitRows(job);
  if (rowsFailed) return rowsFailed;
  const rowsMs = performance.now() - t;
  let written: string | null = null;
  try {
    const t0 = performance.now();
    const payload =
      job.payloadFormat === 'handoff' ? payloadFromHandoff(job.payload, encoder) : job.payload;
    const t1 = performance.now();
    const payloadHash = hasherSync().h64Raw(payload, 0n);
    const bytes = encodeBtck(payload, job);
    const compressMs = performance.now() - t1;
    const delay = testDelayMs();
    const t2 = performance.now();
    written = await writeFileDurably(job.dir, checkpointFileName(seq, job.ticks), bytes, {
      beforeRename: delay > 0 ? () => sleep(delay) : undefined,
      // The run must still be ours when the file gets its name.
      rename: job.fence ? (tmp, final) => renameFenced(job.fence!, tmp, final) : undefined,
    });
    const t3 = performance.now();
    const size = validateWritten(written, job, payload, payloadHash);
    const verifyMs = performance.now() - t3;
    const durableMs = t3 - t2;
    return {
      ok: true,
      seq,
      path: written,
      bytes: size,
      encodeMs: t1 - t0,
      compressMs,
      durableMs,
      verifyMs,
      rowsMs,
    };
  } catch (e) {
    // A file that reached its final name but did not read back intact must not be resumed from:
    // move it aside (kept for diagnosis) so no file has the final name.
    if (written) quarantineQuietly(written);
    return failure(seq, e);
  }
}

function quarantineQuietly(file: string): void {
  try {
    quarantine(file);
  } catch {
    // Nothing more to do; the reader verifies every file before resuming from it anyway.
  }
}

function failure(seq: number, e: unknown): WorkerResult {
  const err = e as NodeJS.ErrnoException;
  const code =
    typeof err?.code === 'string'
      ? err.code
      : e instanceof CorruptCheckpointError
        ? 'EVERIFY'
        : e instanceof RunFencedError
          ? 'EFENCED'
          : undefined;
  const error = err instanceof Error ? err.message : String(e);
  return code === undefined ? { ok: false, seq, error } : { ok: false, seq, error, code };
}

await loadHasher();
const { fenceDb } = (workerData ?? {}) as { fenceDb?: string };
if (fenceDb) fenceConnection(fenceDb);
port.on('message', (msg: ToWorker) => {
  void writeCheckpoint(msg.job).then((result) => {
    port.postMessage({ type: 'result', id: msg.id, result } satisfies FromWorker);
  });
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
