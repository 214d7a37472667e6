/**
 * The shape of a cluster job's manifest (job-manifest.ts builds and parses it; manifest-schema.ts
 * is the schema a worker holds it to).
 */
import type { SymbolInfo } from '../../ticks/tick-store.ts';
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { RunConfig } from '../../runs/run-config.ts';

export interface ManifestChunk {
  /** tick_chunks.hash: the chunk's object is chunks/<hash>. */
  hash: string;
  count: number;
  firstTs: number;
  lastTs: number;
  /** Size of the stored (encoded) chunk blob. */
  bytes: number;
}

/** The submitter's symbol row as stored (its local id aside), and its chunks. */
export interface ManifestSymbol extends Omit<SymbolInfo, 'id'> {
  /** In stored order (first_ts, id). */
  chunks: ManifestChunk[];
}

export interface ManifestStrategy {
  /** sha256 of the source: its object is strategies/<sha256>.mjs. */
  sha256: string;
  /** The file's name in the strategies folder (basename of config.strategy.file). */
  fileName: string;
  bytes: number;
}

export interface ClusterManifest {
  v: 1;
  runId: string;
  config: RunConfig;
  configHash: string;
  ticksTotal: number;
  symbols: ManifestSymbol[];
  /**
   * The conversion pairs the run reads rates from but does not trade (fingerprintSymbols after
   * the run's own), shipped like its symbols; absent when there are none (every older manifest).
   */
  conversionSymbols?: ManifestSymbol[];
  strategy: ManifestStrategy | null;
  checkpoints: CheckpointPolicy | null;
  sweepJob: boolean;
}

/** Every symbol whose ticks the job needs: the run's, then its conversion pairs. */
export function manifestData(m: ClusterManifest): ManifestSymbol[] {
  return [...m.symbols, ...(m.conversionSymbols ?? [])];
}

export interface ManifestOptions {
  checkpoints: CheckpointPolicy | null;
  sweepJob: boolean;
  ticksTotal: number;
}
