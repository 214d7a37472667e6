/**
 * The BTCK container: one checkpoint file. Layout (little-endian; docs/checkpoint-format.md):
 *
 *   offset  size  field
 *   0       4     magic "BTCK" (ASCII)
 *   4       4     u32 format version
 *   8       8     i64 creation time, ms since the Unix epoch
 *   16      n     payload: one zstd frame (n >= 1)
 *   16+n    8     u64 xxHash64 (seed 0) of bytes [0, 16+n): header and compressed payload
 *
 * The checksum covers the compressed bytes, so a torn or flipped file is caught before zstd sees
 * it, and the header too, so a flipped version or time is caught as well.
 */
import { compress } from 'zstd-napi';
import { hasherSync } from '../../hash.ts';
import { decompressBounded } from './bounded-decompress.ts';
import { CorruptCheckpointError, UnsupportedCheckpointVersionError } from './errors.ts';
import { payloadCapFor } from './limits.ts';
import { readRegularFile } from './regular-file.ts';

export const BTCK_MAGIC = 'BTCK';
export const BTCK_HEADER_BYTES = 16;
export const BTCK_FOOTER_BYTES = 8;
/** Smallest possible file: header, at least one payload byte, footer. */
export const BTCK_MIN_BYTES = BTCK_HEADER_BYTES + 1 + BTCK_FOOTER_BYTES;
export const BTCK_DEFAULT_LEVEL = 3;

const MAGIC_BYTES = new TextEncoder().encode(BTCK_MAGIC);

export interface BtckHeader {
  version: number;
  createdAt: number;
}

export interface BtckEncodeOptions {
  version: number;
  createdAt: number;
  /** zstd level, default 3: fast enough to run every few seconds, ~as small as level 9 here. */
  level?: number;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** xxHash64 of everything before the footer. The hasher must be loaded (await loadHasher()). */
function bodyHash(bytes: Uint8Array): bigint {
  return hasherSync().h64Raw(bytes.subarray(0, bytes.length - BTCK_FOOTER_BYTES), 0n);
}

/** Wraps uncompressed payload bytes into a BTCK file image. Needs the hasher loaded. */
export function encodeBtck(payload: Uint8Array, opts: BtckEncodeOptions): Uint8Array {
  const { version, createdAt, level = BTCK_DEFAULT_LEVEL } = opts;
  if (!Number.isInteger(version) || version < 1 || version > 0xffffffff) {
    throw new RangeError(`BTCK version must be a u32 >= 1, got ${version}`);
  }
  if (!Number.isSafeInteger(createdAt)) {
    throw new RangeError(`BTCK createdAt must be integer ms, got ${createdAt}`);
  }
  const packed = compress(payload, { compressionLevel: level });
  const out = new Uint8Array(BTCK_HEADER_BYTES + packed.length + BTCK_FOOTER_BYTES);
  const view = viewOf(out);
  out.set(MAGIC_BYTES, 0);
  view.setUint32(4, version, true);
  view.setBigInt64(8, BigInt(createdAt), true);
  out.set(packed, BTCK_HEADER_BYTES);
  view.setBigUint64(out.length - BTCK_FOOTER_BYTES, bodyHash(out), true);
  return out;
}

function checkMagic(bytes: Uint8Array): void {
  for (let i = 0; i < MAGIC_BYTES.length; i++) {
    if (bytes[i] !== MAGIC_BYTES[i]) {
      throw new CorruptCheckpointError('magic', 'does not start with "BTCK"');
    }
  }
}

function headerFields(bytes: Uint8Array): BtckHeader {
  const view = viewOf(bytes);
  return { version: view.getUint32(4, true), createdAt: Number(view.getBigInt64(8, true)) };
}

/** Header fields, checking only length and magic (for listings; verifyBtck before trusting). */
export function readBtckHeader(bytes: Uint8Array): BtckHeader {
  if (bytes.length === 0) throw new CorruptCheckpointError('empty', 'file is empty');
  if (bytes.length < BTCK_HEADER_BYTES) {
    throw new CorruptCheckpointError('truncated', `${bytes.length} bytes, header needs 16`);
  }
  checkMagic(bytes);
  return headerFields(bytes);
}

/**
 * Checks, in this order: emptiness, length, magic, checksum, version. The version comes last so
 * that a flipped version field reads as corrupt rather than as "newer app, please update".
 * Older versions pass: checkpoint-migrations.ts upgrades their payload.
 */
export function verifyBtck(bytes: Uint8Array, supportedVersion: number): BtckHeader {
  if (bytes.length === 0) throw new CorruptCheckpointError('empty', 'file is empty');
  if (bytes.length < BTCK_MIN_BYTES) {
    throw new CorruptCheckpointError(
      'truncated',
      `${bytes.length} bytes, a checkpoint has at least ${BTCK_MIN_BYTES}`,
    );
  }
  checkMagic(bytes);
  const stored = viewOf(bytes).getBigUint64(bytes.length - BTCK_FOOTER_BYTES, true);
  const actual = bodyHash(bytes);
  if (stored !== actual) {
    throw new CorruptCheckpointError(
      'checksum',
      `xxHash64 ${hex(actual)} does not match the stored ${hex(stored)} (torn write or bit rot)`,
    );
  }
  const header = headerFields(bytes);
  if (header.version === 0) throw new CorruptCheckpointError('version', 'format version 0');
  if (header.version > supportedVersion) {
    throw new UnsupportedCheckpointVersionError(header.version, supportedVersion);
  }
  return header;
}

/**
 * verifyBtck, then decompress, never past `maxPayloadBytes` (default: the cap for a file this
 * size, limits.ts). A zstd failure or an oversized payload is a CorruptCheckpointError too.
 */
export function decodeBtck(
  bytes: Uint8Array,
  supportedVersion: number,
  maxPayloadBytes: number = payloadCapFor(bytes.length),
): { header: BtckHeader; payload: Uint8Array } {
  const header = verifyBtck(bytes, supportedVersion);
  const packed = bytes.subarray(BTCK_HEADER_BYTES, bytes.length - BTCK_FOOTER_BYTES);
  return { header, payload: decompressBounded(packed, maxPayloadBytes) };
}

/** Reads (a regular file only, size-capped) and decodes one checkpoint file; errors name it. */
export async function readBtckFile(
  file: string,
  supportedVersion: number,
): Promise<{ header: BtckHeader; payload: Uint8Array }> {
  try {
    return decodeBtck(readRegularFile(file), supportedVersion);
  } catch (e) {
    throw withFile(e, file);
  }
}

/** The same typed error, naming the file it came from. */
export function withFile(e: unknown, file: string): unknown {
  if (e instanceof CorruptCheckpointError && e.file === undefined) {
    return new CorruptCheckpointError(e.reason, e.detail, file);
  }
  if (e instanceof UnsupportedCheckpointVersionError && e.file === undefined) {
    return new UnsupportedCheckpointVersionError(e.version, e.supported, file);
  }
  return e;
}

function hex(n: bigint): string {
  return n.toString(16).padStart(16, '0');
}
