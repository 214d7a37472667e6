/**
 * The cluster job's manifest, `runs/<run>/job.json`: everything a worker needs to run a job that
 * is not in Redis — the resolved config (and its hash, so the worker's run is the submitter's
 * run), the tick chunks of every symbol, a user strategy's source key and the checkpoint policy.
 * The submitter writes it; a worker reads it as untrusted input (bounded, validated with zod).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { configHash, fingerprintSymbols } from '../../checkpoints/checkpoint-capture.ts';
import { readSymbol, type SymbolInfo } from '../../ticks/tick-store.ts';
import { schemaProblems } from '../../checkpoints/content/problem-text.ts';
import type { PreparedRun } from '../../runs/run-request.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import { manifestSchema } from './manifest-schema.ts';
import type {
  ClusterManifest,
  ManifestChunk,
  ManifestOptions,
  ManifestStrategy,
  ManifestSymbol,
} from './manifest-types.ts';
export { manifestData } from './manifest-types.ts';

export { MAX_MANIFEST_CHUNKS, MAX_MANIFEST_SYMBOLS } from './manifest-schema.ts';

/** job.json is never read past this many bytes. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export type {
  ClusterManifest,
  ManifestChunk,
  ManifestOptions,
  ManifestStrategy,
  ManifestSymbol,
} from './manifest-types.ts';

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

function chunksOf(db: Db, symbolId: number): ManifestChunk[] {
  return db
    .prepare(
      `SELECT hash, count, first_ts AS firstTs, last_ts AS lastTs, length(data) AS bytes
       FROM tick_chunks WHERE symbol_id = ? ORDER BY first_ts, id`,
    )
    .all(symbolId) as ManifestChunk[];
}

function manifestSymbolOf(db: Db, s: SymbolInfo): ManifestSymbol {
  return {
    name: s.name,
    tickCount: s.tickCount,
    firstTs: s.firstTs,
    lastTs: s.lastTs,
    hasVolume: s.hasVolume,
    contentHash: s.contentHash,
    chunks: chunksOf(db, s.id),
  };
}

function strategyOf(config: RunConfig): ManifestStrategy | null {
  const file = config.strategy?.file;
  if (!file) return null;
  const source = fs.readFileSync(file);
  const sha256 = createHash('sha256').update(source).digest('hex');
  return { sha256, fileName: path.basename(file), bytes: source.length };
}

/**
 * The manifest of a prepared run, checked against the schema a worker will apply: a run the
 * workers would refuse (too many chunks, an odd file name) is refused here, before anything is
 * uploaded. Needs the hasher loaded (await loadHasher()).
 */
export function buildManifest(
  db: Db,
  _dataDir: string,
  prepared: PreparedRun,
  runId: string,
  opts: ManifestOptions,
): ClusterManifest {
  const manifest: ClusterManifest = {
    v: 1,
    runId,
    config: prepared.config,
    configHash: configHash(prepared.config),
    ticksTotal: opts.ticksTotal,
    symbols: prepared.symbols.map((s) => manifestSymbolOf(db, s)),
    strategy: strategyOf(prepared.config),
    checkpoints: opts.checkpoints && { ...opts.checkpoints },
    sweepJob: opts.sweepJob,
  };
  const pairs = fingerprintSymbols(prepared.config).slice(prepared.config.symbols.length);
  if (pairs.length > 0)
    manifest.conversionSymbols = pairs.map((name) => {
      const info = readSymbol(db, name);
      if (!info || info.tickCount === 0)
        throw new ManifestError(
          `conversion pair ${name}: no ticks stored (the run converts with it)`,
        );
      return manifestSymbolOf(db, info);
    });
  parseManifest(encodeManifest(manifest), `runs/${runId}/job.json`);
  return manifest;
}

/** Validates job.json bytes; errors name the key and the field. */
export function parseManifest(bytes: Uint8Array, key: string): ClusterManifest {
  if (bytes.length > MAX_MANIFEST_BYTES)
    throw new ManifestError(
      `${key}: ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES} allowed`,
    );
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new ManifestError(`${key}: not a JSON manifest (${(e as Error).message})`);
  }
  const r = manifestSchema.safeParse(value);
  if (!r.success)
    throw new ManifestError(
      `${key}: invalid manifest: ${schemaProblems(value, r.error).join('; ')}`,
    );
  return r.data as ClusterManifest;
}

/** The bytes stored as job.json. */
export function encodeManifest(m: ClusterManifest): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(m));
  if (bytes.length > MAX_MANIFEST_BYTES)
    throw new ManifestError(
      `the manifest of run ${m.runId} is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES} a worker reads`,
    );
  return bytes;
}
