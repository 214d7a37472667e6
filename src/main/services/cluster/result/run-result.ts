/**
 * A finished run's output as one object, `runs/<run>/results/<attempt>.btres`: status, error,
 * statistics, progress and every stored output row. A BTCK container (checksummed, zstd,
 * bounded on read) holding a plain-encoded payload with kind 'result'. The submitter adopts it
 * into its own data folder, fenced by its claim, so its run equals the worker's byte for byte.
 */
import type { Db } from '../../db/database.ts';
import type { RunClaim } from '../../runs/run-fence.ts';

/** A .btres object is never read past this many bytes. */
export const MAX_RESULT_BYTES = 1024 * 1024 * 1024;

export interface RunResult {
  v: 1;
  kind: 'result';
  runId: string;
  configHash: string;
  status: 'completed' | 'failed';
  error: string | null;
  stats: Record<string, number | null> | null;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  /** Bars closed per timeframe, when the packer knew them (RunSummary.bars). */
  barsClosed: Record<string, number> | null;
  /** Stored rows per output table, columns in the order of RESULT_TABLES (run_id left out). */
  rows: Record<string, unknown[][]>;
}

export interface PackExtra {
  barsClosed?: Record<string, number>;
}

/** Needs the hasher loaded (await loadHasher()). */
export function packResult(_db: Db, _runId: string, _extra: PackExtra = {}): Uint8Array {
  throw new Error('not implemented yet');
}

/** Validates a .btres object's bytes; errors name the key. Needs the hasher loaded. */
export function readResult(_bytes: Uint8Array, _key: string): RunResult {
  throw new Error('not implemented yet');
}

/**
 * Writes the result into the run `claim` owns and completes (or fails) it, in one fenced
 * transaction. Refuses a result for another run or another config.
 */
export function adoptResult(_db: Db, _claim: RunClaim, _result: RunResult): void {
  throw new Error('not implemented yet');
}
