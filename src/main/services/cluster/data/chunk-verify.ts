/**
 * Is this blob the tick chunk the manifest names? A chunk's hash (tick_chunks.hash) is the one
 * TickWriter computed: xxHash64 over its decoded columns (ts, bid, ask, and the volumes when the
 * chunk has them), so the check decodes the blob and hashes what came out — bytes that decode to
 * other ticks, or do not decode, are refused. The decode is bounded first: a chunk of n ticks
 * holds at most 5 columns of n doubles, and a zstd frame claiming more is refused unread.
 */
import { decodeTickChunk } from '../../../engine/data/chunk-codec.ts';
import { decompressBounded } from '../../checkpoints/btck/bounded-decompress.ts';
import { bytesOf, hasherSync } from '../../hash.ts';
import type { ManifestChunk } from './job-manifest.ts';

export class ChunkMismatchError extends Error {
  readonly key: string;
  constructor(key: string, detail: string) {
    super(`tick chunk ${key}: ${detail}`);
    this.name = 'ChunkMismatchError';
    this.key = key;
  }
}

/** Largest decoded body of a chunk of `count` ticks (chunk-codec.ts: header + 5 RAW columns). */
function maxBody(count: number): number {
  return 32 + 5 * 8 * count;
}

/** Throws ChunkMismatchError (naming `key`) unless `bytes` are the chunk `c`. Hasher loaded. */
export function verifyChunk(bytes: Uint8Array, c: ManifestChunk, key: string): void {
  if (bytes.length !== c.bytes)
    throw new ChunkMismatchError(key, `${bytes.length} bytes, the manifest says ${c.bytes}`);
  let batch;
  try {
    if (bytes.length < 2) throw new Error('too short');
    decompressBounded(bytes.subarray(1), maxBody(c.count));
    batch = decodeTickChunk(bytes);
  } catch (e) {
    throw new ChunkMismatchError(key, `does not decode: ${(e as Error).message}`);
  }
  const n = batch.length;
  if (n !== c.count || batch.ts[0] !== c.firstTs || batch.ts[n - 1] !== c.lastTs)
    throw new ChunkMismatchError(key, `holds other ticks than the manifest says`);
  const h = hasherSync().create64();
  for (const col of [batch.ts, batch.bid, batch.ask, batch.bidVol, batch.askVol])
    if (col) h.update(bytesOf(col, 0, n));
  const hash = h.digest().toString(16).padStart(16, '0');
  if (hash !== c.hash)
    throw new ChunkMismatchError(key, `its ticks hash to ${hash}, not to ${c.hash}`);
}
