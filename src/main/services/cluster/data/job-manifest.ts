/**
 * The cluster job's manifest, `runs/<run>/job.json`: everything a worker needs to run a job that
 * is not in Redis — the resolved config (and its hash, so the worker's run is the submitter's
 * run), the tick chunks of every symbol, a user strategy's source key and the checkpoint policy.
 * The submitter writes it; a worker reads it as untrusted input (bounded, validated with zod).
 */
import type { Db } from '../../db/database.ts';
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { PreparedRun } from '../../runs/run-request.ts';
import type { RunConfig } from '../../runs/run-config.ts';

/** job.json is never read past this many bytes. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_MANIFEST_SYMBOLS = 64;
export const MAX_MANIFEST_CHUNKS = 1_000_000;

export interface ManifestChunk {
  /** tick_chunks.hash: the chunk's object is chunks/<hash>. */
  hash: string;
  count: number;
  firstTs: number;
  lastTs: number;
  /** Size of the stored (encoded) chunk blob. */
  bytes: number;
}

export interface ManifestSymbol {
  name: string;
  tickCount: number;
  firstTs: number;
  lastTs: number;
  hasVolume: boolean;
  contentHash: string;
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
  strategy: ManifestStrategy | null;
  checkpoints: CheckpointPolicy | null;
  sweepJob: boolean;
}

export interface ManifestOptions {
  checkpoints: CheckpointPolicy | null;
  sweepJob: boolean;
  ticksTotal: number;
}

/** Needs the hasher loaded (await loadHasher()). */
export function buildManifest(
  _db: Db,
  _dataDir: string,
  _prepared: PreparedRun,
  _runId: string,
  _opts: ManifestOptions,
): ClusterManifest {
  throw new Error('not implemented yet');
}

/** Validates job.json bytes; errors name the key and the field. */
export function parseManifest(_bytes: Uint8Array, _key: string): ClusterManifest {
  throw new Error('not implemented yet');
}

/** The bytes stored as job.json. */
export function encodeManifest(_m: ClusterManifest): Uint8Array {
  throw new Error('not implemented yet');
}
