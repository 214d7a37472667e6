/**
 * How big a checkpoint may be, on disk and decompressed. A checkpoint file is untrusted bytes (it
 * may be damaged, planted or a device); these caps bound what a reader allocates for one before
 * it knows the file is sane. Derived in docs/checkpoint-format.md ("Size limits"):
 *
 * - payload ≤ 1 GiB: far above any engine state (a 10-day, 4-timeframe run with 5000-bar
 *   histories is ~0.8 MB) and small enough to decode on a desktop;
 * - payload ≤ max(64 MiB, 64 × the file's size): real checkpoints compress ~1.6× (plain-codec
 *   floats are dense), while a hostile zstd frame of zeros expands ~30 000×; 64× keeps a wide
 *   margin for repetitive states and the floor lets small files hold large zero-filled arrays;
 * - file ≤ header + zstd's worst-case bound for the largest payload + footer.
 *
 * The writer reads back every file it writes with the same caps, so a state too large for them
 * fails to checkpoint (and says so) instead of becoming a checkpoint no reader accepts.
 */
import zstd from 'zstd-napi/binding.js';

const MiB = 1024 * 1024;

export const MAX_PAYLOAD_BYTES = 1024 * MiB;
export const PAYLOAD_FLOOR_BYTES = 64 * MiB;
export const MAX_EXPANSION_RATIO = 64;
/** 16-byte header + compressed payload + 8-byte footer, for the largest payload allowed. */
export const MAX_FILE_BYTES = 16 + zstd.compressBound(MAX_PAYLOAD_BYTES) + 8;

/** The largest payload a file of `fileBytes` may decompress to. */
export function payloadCapFor(fileBytes: number): number {
  return Math.min(
    MAX_PAYLOAD_BYTES,
    Math.max(PAYLOAD_FLOOR_BYTES, MAX_EXPANSION_RATIO * fileBytes),
  );
}
