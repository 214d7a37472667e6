/**
 * zstd decompression that never produces more than a cap. zstd-napi's one-shot `decompress`
 * allocates whatever the frame header declares (a 12-byte header can declare terabytes) and, for a
 * frame without a declared size, keeps growing until the stream ends (a 128 KB frame of zeros
 * streams gigabytes). Here the declared size is checked against the cap before anything is
 * allocated, and the stream is decoded into a buffer that never grows past cap + 1 bytes.
 */
import zstd from 'zstd-napi/binding.js';
import { CorruptCheckpointError } from './errors.ts';

/** First output buffer for a frame that does not declare its size; doubled as needed. */
const FIRST_CHUNK_BYTES = 1 << 20;

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
  let out = new Uint8Array(Math.min(cap + 1, FIRST_CHUNK_BYTES));
  let total = 0;
  let input = packed;
  for (;;) {
    if (total === out.length) {
      if (total > cap) throw tooLarge('streams more', cap);
      const grown = new Uint8Array(Math.min(cap + 1, out.length * 2));
      grown.set(out);
      out = grown;
    }
    let hint: number, produced: number, consumed: number;
    try {
      [hint, produced, consumed] = dctx.decompressStream(out.subarray(total), input);
    } catch (e) {
      throw new CorruptCheckpointError('decompress', (e as Error).message);
    }
    total += produced;
    input = input.subarray(consumed);
    if (hint === 0 && input.length === 0) break; // every frame decoded and flushed
    if (produced === 0 && consumed === 0 && total < out.length) {
      throw new CorruptCheckpointError('decompress', 'the zstd frame ends early (truncated)');
    }
  }
  if (total > cap) throw tooLarge('streams more', cap);
  return out.subarray(0, total);
}
