/** Messages between CheckpointWriter (engine thread) and its worker. */
import type { RecorderWrites } from '../runs/recorder-writes.ts';
import type { WriteFence } from './write-fence.ts';

export interface CheckpointJob {
  /** Directory of the run's checkpoints; must exist. */
  dir: string;
  seq: number;
  /** Ticks consumed at capture (Σ cursor); part of the file name. */
  ticks: number;
  /** ms since the epoch, stored in the BTCK header. */
  createdAt: number;
  /** BTCK format version to stamp (CHECKPOINT_FORMAT_VERSION). */
  version: number;
  /** zstd level, default 3. */
  level?: number;
  /** Serialized, uncompressed CheckpointData. Transferred to the worker, not copied. */
  payload: Uint8Array;
  /**
   * 'plain' (default): `payload` is the plain-codec payload, written as is. 'handoff': it is
   * serializeForWriter's output, which the worker turns into the plain-codec payload first
   * (checkpoint-handoff.ts), so the engine thread never runs the codec.
   */
  payloadFormat?: 'plain' | 'handoff';
  /** The file is put in place only while this claim owns the run (write-fence.ts). */
  fence?: WriteFence;
  /**
   * The run's output the checkpoint's watermarks count but the engine thread did not commit
   * (RunRecorder.captureForWriter): committed first, fenced, on the writer's own connection —
   * before the file is written, so a failed write (disk full) loses no row. Needs `fence`.
   */
  rows?: RecorderWrites;
}

/** A write that succeeded, as the worker reports it. */
export interface WrittenCheckpoint {
  ok: true;
  seq: number;
  path: string;
  /** Size of the file on disk. */
  bytes: number;
  /** zstd time in the worker. */
  compressMs: number;
  /** Plain-codec encoding in the worker (0 for a 'plain' job). */
  encodeMs: number;
  /** Temp file written and fsynced, (fenced) rename, folder fsynced. */
  durableMs: number;
  /** Reading the file back and checking it. */
  verifyMs: number;
  /** Committing the run output the job carried (job.rows), before the file; 0 without. */
  rowsMs: number;
}

export interface FailedCheckpoint {
  ok: false;
  seq: number;
  error: string;
  /**
   * e.g. ENOSPC, EEXIST, EVERIFY, EWORKER, EFENCED (the run has another owner), EROWS (the run's
   * output could not be committed: the run must stop)
   */
  code?: string;
}

/** What the worker reports; totalMs is added by the engine-thread side. */
export type WorkerResult = WrittenCheckpoint | FailedCheckpoint;

export type CheckpointResult =
  | (WrittenCheckpoint & {
      /** From write() being called to the file being durable and validated. */
      totalMs: number;
    })
  | FailedCheckpoint;

export type ToWorker = { type: 'write'; id: number; job: CheckpointJob };

export type FromWorker = { type: 'ready' } | { type: 'result'; id: number; result: WorkerResult };

/** Test-only: ms the worker sleeps between the durable temp file and the rename. */
export const TEST_DELAY_ENV = 'BACKTESTR_CKPT_TEST_DELAY_MS';
