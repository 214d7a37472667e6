/**
 * Hostile checkpoint bytes, each with a valid xxHash64 footer (the checksum proves integrity, not
 * sanity): zstd frames that declare or stream far more than any cap, and plain-data payloads whose
 * declared counts could never be filled. Built by hand from the zstd frame format (RFC 8878) so a
 * test knows exactly what a frame claims.
 */
import { hasherSync } from '../../../src/main/services/hash.ts';
import { T } from '../../../src/main/engine/persist/plain-codec.ts';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const RLE_BLOCK = 1;
const BLOCK_BYTES = 128 * 1024; // zstd's largest block

function blockHeader(last: boolean, type: number, size: number): number[] {
  const v = (last ? 1 : 0) | (type << 1) | (size << 3);
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff];
}

/**
 * A zstd frame of `blocks` RLE blocks of 128 KiB zero bytes each (4 bytes per block on disk):
 * it streams blocks × 128 KiB. With `declaredSize` the header claims that content size instead of
 * none (single-segment frame; a claim that disagrees with the blocks is a lie zstd finds only at
 * the end).
 */
export function zeroStreamFrame(blocks: number, declaredSize?: bigint): Uint8Array {
  const head =
    declaredSize === undefined
      ? [...ZSTD_MAGIC, 0x00, (17 - 10) << 3] // no size, window 128 KiB
      : [...ZSTD_MAGIC, 0xe0, ...u64(declaredSize)]; // 8-byte size, single segment
  const body: number[] = [];
  for (let i = 0; i < blocks; i++)
    body.push(...blockHeader(i === blocks - 1, RLE_BLOCK, BLOCK_BYTES), 0);
  return new Uint8Array([...head, ...body]);
}

function u64(n: bigint): number[] {
  const out: number[] = [];
  for (let i = 0n; i < 8n; i++) out.push(Number((n >> (8n * i)) & 0xffn));
  return out;
}

/** A BTCK file image around an already compressed payload, with a correct footer. */
export function btckAroundFrame(packed: Uint8Array, version = 1): Uint8Array {
  const out = new Uint8Array(16 + packed.length + 8);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('BTCK'), 0);
  view.setUint32(4, version, true);
  view.setBigInt64(8, 1_700_000_000_000n, true);
  out.set(packed, 16);
  view.setBigUint64(out.length - 8, hasherSync().h64Raw(out.subarray(0, out.length - 8), 0n), true);
  return out;
}

/** `bytes` of plain data: an array declaring `count` items, then nulls. */
export function hugeArrayPayload(bytes: number, count: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out[0] = T.array;
  new DataView(out.buffer).setUint32(1, count, true);
  return out;
}

/**
 * `bytes` of plain data: arrays nested as deep as the bytes go, each declaring as many items as
 * there are bytes left. Every count passes "≤ bytes left", yet a decoder that preallocates
 * `new Array(count)` per level holds depth × bytes slots (~130 MB of heap for 12 KB) at once.
 */
export function nestedArraysPayload(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let p = 0; p + 5 <= bytes; p += 5) {
    out[p] = T.array;
    view.setUint32(p + 1, bytes - p - 5, true);
  }
  return out;
}
