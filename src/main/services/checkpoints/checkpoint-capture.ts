import pkg from '../../../../package.json' with { type: 'json' };
import type { Backtest, BacktestSnapshot } from '../../engine/backtest/backtest.ts';
import { encodePlain } from '../../engine/persist/plain-codec.ts';
import type { Db } from '../db/database.ts';
import { hasherSync } from '../hash.ts';
import { recordsBars, type RunConfig } from '../runs/run-config.ts';
import type { RunRecorder } from '../runs/run-recorder.ts';
import type { RecorderWrites } from '../runs/recorder-writes.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import { conversionPairs } from '../money/store-rates.ts';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointData,
  type CheckpointMeta,
  type HistorySource,
  type PendingRows,
  type SymbolFingerprint,
  type Watermarks,
} from './checkpoint-data.ts';

export const APP_VERSION: string = pkg.version;

/** xxHash64 of the config's canonical (sorted-key) encoding: equal configs, equal hashes. */
export function configHash(config: RunConfig): string {
  return hasherSync().h64Raw(encodePlain(config), 0n).toString(16).padStart(16, '0');
}

/**
 * The symbols whose stored ticks a run reads: its own, then the conversion pairs it is not
 * trading (a config without money has none, so its fingerprint is what it always was).
 */
export function fingerprintSymbols(config: RunConfig): string[] {
  const pairs = conversionPairs(config).filter((p) => !config.symbols.includes(p));
  return [...config.symbols, ...pairs];
}

/**
 * The stored input data of the run's symbols and conversion pairs, as a checkpoint remembers
 * it: changed conversion data makes a resume refuse the checkpoint like changed run data.
 */
export function fingerprintOf(db: Db, config: RunConfig): SymbolFingerprint[] {
  return fingerprintSymbols(config).map((symbol) => {
    const s = readSymbol(db, symbol);
    return {
      symbol,
      tickCount: s?.tickCount ?? 0,
      firstTs: s?.firstTs ?? NaN,
      lastTs: s?.lastTs ?? NaN,
      contentHash: s?.contentHash ?? '',
    };
  });
}

export interface CaptureContext {
  runId: string;
  config: RunConfig;
  configHash: string;
  fingerprint: SymbolFingerprint[];
  ticksTotal: number;
  backtest: Backtest;
  recorder: RunRecorder;
}

const NO_ROWS = new Float64Array(0);

/**
 * Rows per history, and for 'store' the state with every history's rows left out. The rows are
 * views of the live ring (snapshot(true)), so leaving them out copies nothing: the checkpoint
 * pause does not grow with the history length.
 */
function liveState(
  state: BacktestSnapshot,
  history: HistorySource,
): { state: BacktestSnapshot; historyRows: number[][]; historyOldest: (number | null)[][] } {
  const histories = state.engine.histories;
  const historyRows = histories.map((row) => row.map((h) => h.rows.length / h.width));
  const historyOldest = histories.map((row) =>
    row.map((h) => (h.rows.length > 0 ? h.rows[0] : null)),
  );
  if (history === 'embedded') return { state, historyRows, historyOldest };
  const empty = histories.map((row) => row.map((h) => ({ ...h, rows: NO_ROWS })));
  const live = { ...state, engine: { ...state.engine, histories: empty } };
  return { state: live, historyRows, historyOldest };
}

/**
 * Captures a checkpoint on the engine thread: the only part of checkpointing that may stall the
 * run. It snapshots the state and commits the recorder's buffered output first, so the
 * watermarks cover it. The result aliases the engine's live buffers: copy it (serializeForWriter,
 * encodePlain) before the engine moves on.
 */
export function captureCheckpoint(
  c: CaptureContext,
  seq: number,
  simTime: number,
  meta: CheckpointMeta,
): CheckpointData {
  return checkpointData(c, seq, simTime, meta, c.recorder.capture());
}

/**
 * The same capture for the checkpoint writer thread (checkpoint-manager.ts): the recorder's
 * buffered output is not committed here but returned as `writes`, which the writer commits
 * before it names the file — the engine thread only snapshots and copies.
 */
export function captureForWriter(
  c: CaptureContext,
  seq: number,
  simTime: number,
  meta: CheckpointMeta,
): { data: CheckpointData; writes: RecorderWrites | null } {
  const { writes, ...output } = c.recorder.captureForWriter();
  return { data: checkpointData(c, seq, simTime, meta, output), writes };
}

function checkpointData(
  c: CaptureContext,
  seq: number,
  simTime: number,
  meta: CheckpointMeta,
  { watermarks, pending }: { watermarks: Watermarks; pending: PendingRows },
): CheckpointData {
  // A run that stores its bars checkpoints its live state only; one that does not carries its
  // histories itself (there is nowhere to read them back from).
  const history: HistorySource = recordsBars(c.config) ? 'store' : 'embedded';
  // Aliases live buffers: copied by the caller before the engine moves on.
  const { state, historyRows, historyOldest } = liveState(c.backtest.snapshot(true), history);
  return {
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    appVersion: APP_VERSION,
    runId: c.runId,
    seq,
    config: c.config,
    configHash: c.configHash,
    fingerprint: c.fingerprint,
    cursor: [...state.engine.consumed],
    ticks: state.engine.consumed.reduce((a, b) => a + b, 0),
    ticksTotal: c.ticksTotal,
    simTime,
    state,
    history,
    historyRows,
    historyOldest,
    watermarks,
    pending,
    meta,
  };
}
