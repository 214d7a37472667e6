import type { BacktestSnapshot } from '../../engine/backtest/backtest.ts';
import type { RunConfig } from '../runs/run-config.ts';

/**
 * Version of the checkpoint format: the BTCK container and the shape of CheckpointData inside
 * it. Bump it when either changes, and register a migration from the previous version
 * (checkpoint-migrations.ts) so older checkpoints stay resumable.
 */
export const CHECKPOINT_FORMAT_VERSION = 3;

/**
 * Why a checkpoint was taken; 'pause' is a user's Pause, 'shutdown' a pause the app, the OS or a
 * signal asked for (rows written before 'pause' existed say 'shutdown' for both); 'fork' is the first checkpoint of a run forked from another;
 * 'savepoint' marks a self-contained file made by `checkpoints export` (savepoint.ts).
 */
export type CheckpointTrigger =
  'interval' | 'ticks' | 'manual' | 'pause' | 'shutdown' | 'end' | 'fork' | 'savepoint';

/**
 * Where a checkpoint's bar histories are (format 2):
 * - 'store': not in the file. Every state.engine.histories[s][k].rows is empty; restore reads the
 *   last `historySize` bars of each (symbol, timeframe) back from the run's bar store up to the
 *   bar watermark, then appends the checkpoint's pending bars (restore-history.ts). The file
 *   holds the live state only, so its size does not grow with the history length.
 * - 'embedded': the rows are in the file, as in format 1 — for runs that do not record bars
 *   (there is no store to read them from) and for savepoints, which must travel alone.
 */
export type HistorySource = 'store' | 'embedded';

/** What the input data looked like when the checkpoint was taken, per symbol of the run. */
export interface SymbolFingerprint {
  symbol: string;
  tickCount: number;
  firstTs: number;
  lastTs: number;
  contentHash: string;
}

/**
 * How far the run's SQLite output was committed when the checkpoint was taken. On resume, rows
 * past these marks are deleted (they were written after the checkpoint) and the checkpoint's
 * pending rows are inserted, so nothing is duplicated or missing.
 */
export interface Watermarks {
  /** Per symbol, per timeframe (run order): time of the last committed bar, or null. */
  bars: (number | null)[][];
  /** Last committed trade seq (0 = none). */
  tradeSeq: number;
  /** Time of the last committed equity sample, or null. */
  equityTime: number | null;
  /** Last committed order rejection seq (0 = none; format 3). */
  rejectionSeq: number;
}

/** Rows produced but not yet committed to SQLite when the checkpoint was taken. */
export interface PendingRows {
  bars: unknown[][];
  trades: unknown[][];
  equity: unknown[][];
  /** Refused orders (format 3), as RunRecorder.onReject queues them. */
  rejections: unknown[][];
}

export interface CheckpointMeta {
  trigger: CheckpointTrigger;
  /** Wall-clock time of the capture (ms since epoch). */
  wallTime: number;
  /** Seconds of computation the run had done at capture, over all its sessions. */
  elapsedSeconds: number;
  /** Throughput of the session that wrote the checkpoint. */
  ticksPerSec: number;
}

/** Everything a checkpoint holds: enough to continue the run from the next tick, exactly. */
export interface CheckpointData {
  formatVersion: number;
  appVersion: string;
  runId: string;
  seq: number;
  config: RunConfig;
  /** xxHash64 of the canonical encoding of `config`. */
  configHash: string;
  fingerprint: SymbolFingerprint[];
  /** Ticks consumed per symbol (run order): the exact cursor, never a timestamp. */
  cursor: number[];
  /** Σ cursor. */
  ticks: number;
  /** Ticks the run will process in all. */
  ticksTotal: number;
  /** Time of the newest tick processed (ms UTC). */
  simTime: number;
  state: BacktestSnapshot;
  history: HistorySource;
  /**
   * Per symbol, per timeframe: how many rows each history held at capture. For 'store' this is
   * what the bar store must give back (a shorter tail means rows are missing: the checkpoint is
   * refused); for 'embedded' it equals the rows in the file.
   */
  historyRows: number[][];
  /**
   * Per symbol, per timeframe: time of the oldest row each history held at capture (null when
   * empty). With historyRows it pins the window a 'store' restore must read: a bar missing from
   * the store inside it makes the read reach further back, and the oldest time differ.
   */
  historyOldest: (number | null)[][];
  watermarks: Watermarks;
  pending: PendingRows;
  meta: CheckpointMeta;
}
