/**
 * zstd decompression that never produces more than a cap. zstd-napi's one-shot `decompress`
 * allocates whatever the frame header declares (a 12-byte header can declare terabytes) and, for a
 * frame without a declared size, keeps growing until the stream ends (a 128 KB frame of zeros
 * streams gigabytes). Here the declared size is checked against the cap before anything is
 * allocated, and the stream is decoded into a buffer that never grows past cap + 1 bytes.
 */
import zstd from 'zstd-napi/binding.js';
import { CorruptCheckpointError } from './errors.ts';

/** Output chunk for a frame that does not declare its size. */
const CHUNK_BYTES = 4 << 20;

function tooLarge(what: string, cap: number): CorruptCheckpointError {
  return new CorruptCheckpointError(
    'too-large',
    `the payload ${what}, more than the ${cap} bytes allowed (docs/checkpoint-format.md, size limits)`,
  );
}

/** The frame's declared content size, or null when it does not declare one. */
function declaredSize(packed: Uint8Array): number | null {
  try {
    return zstd.getFrameContentSize(packed);
  } catch (e) {
    throw new CorruptCheckpointError('decompress', (e as Error).message);
  }
}

/**
 * The frame declares its size (the writer's always do) and it is within the cap: one-shot into a
 * buffer of exactly that size, ~1.5× faster than streaming. zstd refuses to write past the
 * buffer's end, so a frame that lies about its size, or more frames after it, fail as damage.
 */
function decompressDeclared(
  dctx: InstanceType<typeof zstd.DCtx>,
  packed: Uint8Array,
  size: number,
) {
  const out = new Uint8Array(size);
  let n: number;
  try {
    n = dctx.decompress(out, packed);
  } catch (e) {
    throw new CorruptCheckpointError('decompress', (e as Error).message);
  }
  if (n !== size) {
    throw new CorruptCheckpointError('decompress', `${n} bytes, the frame declares ${size}`);
  }
  return out;
}

/**
 * Decompresses `packed` (one or more zstd frames) into at most `cap` bytes. Throws
 * CorruptCheckpointError: 'too-large' as soon as the output would exceed the cap, 'decompress'
 * for a damaged or truncated stream.
 */
export function decompressBounded(packed: Uint8Array, cap: number): Uint8Array {
  const declared = declaredSize(packed);
  if (declared !== null && declared > cap) throw tooLarge(`declares ${declared} bytes`, cap);
  const dctx = new zstd.DCtx();
  if (declared !== null) return decompressDeclared(dctx, packed, declared);
  // Fixed-size chunks, joined once at the end: no regrowth copies, so a stream that runs past the
  // cap has cost at most cap + one chunk when it is stopped.
  const chunks: Uint8Array[] = [];
  let chunk = new Uint8Array(Math.min(cap + 1, CHUNK_BYTES));
  let filled = 0;
  let total = 0;
  let input = packed;
  for (;;) {
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = new Uint8Array(Math.min(cap + 1 - total, CHUNK_BYTES));
      filled = 0;
    }
    let hint: number, produced: number, consumed: number;
    try {
      [hint, produced, consumed] = dctx.decompressStream(chunk.subarray(filled), input);
    } catch (e) {
      throw new CorruptCheckpointError('decompress', (e as Error).message);
    }
    filled += produced;
    total += produced;
    input = input.subarray(consumed);
    if (total > cap) throw tooLarge('streams more', cap);
    if (hint === 0 && input.length === 0) break; // every frame decoded and flushed
    if (produced === 0 && consumed === 0 && filled < chunk.length) {
      throw new CorruptCheckpointError('decompress', 'the zstd frame ends early (truncated)');
    }
  }
  chunks.push(chunk.subarray(0, filled));
  if (chunks.length === 1) return chunks[0]!;
  // A plain Uint8Array, not Buffer.concat's Buffer: callers slice() it expecting copies.
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
