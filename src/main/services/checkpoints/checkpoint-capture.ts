import pkg from '../../../../package.json' with { type: 'json' };
import type { Backtest } from '../../engine/backtest/backtest.ts';
import { encodePlain } from '../../engine/persist/plain-codec.ts';
import type { Db } from '../db/database.ts';
import { hasherSync } from '../hash.ts';
import type { RunConfig } from '../runs/run-config.ts';
import type { RunRecorder } from '../runs/run-recorder.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointData,
  type CheckpointMeta,
  type SymbolFingerprint,
} from './checkpoint-data.ts';

export const APP_VERSION: string = pkg.version;

/** xxHash64 of the config's canonical (sorted-key) encoding: equal configs, equal hashes. */
export function configHash(config: RunConfig): string {
  return hasherSync().h64Raw(encodePlain(config), 0n).toString(16).padStart(16, '0');
}

/** The stored input data of the run's symbols, as a checkpoint remembers it. */
export function fingerprintOf(db: Db, config: RunConfig): SymbolFingerprint[] {
  return config.symbols.map((symbol) => {
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

/**
 * Captures a checkpoint on the engine thread: the only part of checkpointing that may stall the
 * run. It snapshots the state and notes the output watermarks and pending rows. The result
 * aliases the engine's live buffers: copy it (serializeForWriter, encodePlain) before the engine
 * moves on; the writer thread does the rest (checkpoint-handoff.ts).
 */
export function captureCheckpoint(
  c: CaptureContext,
  seq: number,
  simTime: number,
  meta: CheckpointMeta,
): CheckpointData {
  const state = c.backtest.snapshot(true); // copied by the caller before the engine moves on
  const { watermarks, pending } = c.recorder.capture();
  const data: CheckpointData = {
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
    watermarks,
    pending,
    meta,
  };
  return data;
}
