/**
 * Tick chunks as stored in SQLite: up to 64 K ticks in column form, delta-encoded, zstd-compressed.
 *
 * Layout (all little-endian):
 *
 *   byte 0     format version (1)
 *   bytes 1…   one zstd frame holding the body
 *
 *   body       0  u32  tick count n
 *              4  u8   flags: bit 0 = has volumes
 *              5  u8   column count c (3, or 5 with volumes)
 *              6  u16  0
 *              8  c × 4 bytes, one per column: u8 encoding, u8 decimals, u16 0
 *                 then zero padding to a multiple of 8
 *              columns ts, bid, ask[, bidVol, askVol], each starting 8-aligned:
 *                 RAW (0):    n × f64
 *                 SCALED (1): q0 as f64, then n−1 × i32 deltas, zero-padded to a multiple of 8
 *                             (nothing when n = 0); value i = q_i / 10^decimals where
 *                             q_i = q0 + delta_1 + … + delta_i.
 *
 * SCALED is used when a column has no NaN/±Infinity, and for the smallest `decimals` in 0..9 with
 * Math.round(v·10^d)/10^d identical (Object.is) to every v, every delta fits in an int32, and
 * replaying the decoder's arithmetic gives back every value bit for bit (this catches -0). Anything
 * else is RAW, so decoding is always the exact inverse. Timestamps in whole ms get decimals 0.
 */
import { compress, decompress } from 'zstd-napi';
import { POW10 } from './pow10.ts';
import { allocTickBatch, type TickBatch } from './tick-batch.ts';

export const TICK_CHUNK_VERSION = 1;
const RAW = 0;
const SCALED = 1;
const FLAG_VOLUMES = 1;
const MAX_DECIMALS = 9;
const MAX_SAFE = 2 ** 53;

if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
  throw new Error(
    'chunk-codec reads columns through typed-array views and needs a little-endian host',
  );
}

/** Bytes that are not a tick chunk this version can read. */
export class CorruptTickChunkError extends Error {
  constructor(reason: string) {
    super(`corrupt tick chunk: ${reason}`);
    this.name = 'CorruptTickChunkError';
  }
}

function headerBytes(columns: number): number {
  return align8(8 + 4 * columns);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function scaledBytes(n: number): number {
  return n === 0 ? 0 : align8(8 + 4 * (n - 1));
}

function columnsOf(b: TickBatch): (Float64Array | null)[] {
  return [b.ts, b.bid, b.ask, b.bidVol, b.askVol];
}

/** Encodes ticks [start, start + count) of `batch`. `level` is the zstd level (default 3). */
export function encodeTickChunk(
  batch: TickBatch,
  start: number,
  count: number,
  level = 3,
): Uint8Array {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(count) ||
    start < 0 ||
    count < 0 ||
    start + count > batch.length
  ) {
    throw new RangeError(
      `ticks [${start}, ${start + count}) are not within the batch's ${batch.length}`,
    );
  }
  const withVolumes = batch.bidVol !== null && batch.askVol !== null;
  const cols = columnsOf(batch).slice(0, withVolumes ? 5 : 3) as Float64Array[];
  const body = new ArrayBuffer(headerBytes(cols.length) + cols.length * 8 * count); // room for all RAW
  const view = new DataView(body);
  view.setUint32(0, count, true);
  view.setUint8(4, withVolumes ? FLAG_VOLUMES : 0);
  view.setUint8(5, cols.length);
  let off = headerBytes(cols.length);
  cols.forEach((col, c) => {
    const decimals = pickDecimals(col, start, count);
    let encoding = SCALED;
    if (decimals < 0 || !writeScaled(col, start, count, decimals, body, off)) {
      encoding = RAW;
      new Float64Array(body, off, count).set(col.subarray(start, start + count));
    }
    view.setUint8(8 + 4 * c, encoding);
    view.setUint8(9 + 4 * c, encoding === SCALED ? decimals : 0);
    off += encoding === SCALED ? scaledBytes(count) : 8 * count;
  });
  const packed = compress(new Uint8Array(body, 0, off), { compressionLevel: level });
  const out = new Uint8Array(packed.length + 1);
  out[0] = TICK_CHUNK_VERSION;
  out.set(packed, 1);
  return out;
}

/** Object.is for numbers, without the call. */
function same(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

/** The smallest decimals d ≤ 9 at which every value survives Math.round(v·10^d)/10^d, or -1. */
function pickDecimals(col: Float64Array, start: number, n: number): number {
  let d = 0;
  let s = 1;
  for (let i = start; i < start + n; i++) {
    const v = col[i];
    if (v - v !== 0) return -1; // NaN or ±Infinity
    while (!same(Math.round(v * s) / s, v)) {
      if (++d > MAX_DECIMALS) return -1;
      s = POW10[d];
    }
  }
  return d;
}

/** Writes the SCALED form at `off`, or returns false when some value would not come back exactly. */
function writeScaled(
  col: Float64Array,
  start: number,
  n: number,
  decimals: number,
  body: ArrayBuffer,
  off: number,
): boolean {
  if (n === 0) return true;
  const s = POW10[decimals];
  let acc = Math.round(col[start] * s);
  if (!(Math.abs(acc) <= MAX_SAFE) || !same(acc / s, col[start])) return false;
  new Float64Array(body, off, 1)[0] = acc;
  const deltas = new Int32Array(body, off + 8, n - 1);
  for (let i = 1; i < n; i++) {
    const v = col[start + i];
    const q = Math.round(v * s);
    const delta = q - acc;
    if (!(Math.abs(q) <= MAX_SAFE) || delta > 0x7fffffff || delta < -0x80000000) return false;
    acc += delta | 0; // exactly what the decoder will do
    if (!same(acc / s, v)) return false;
    deltas[i - 1] = delta;
  }
  return true;
}

/**
 * Decodes a chunk. When `into` has room for the chunk's ticks its arrays are filled and it is
 * returned (its volume arrays are replaced or set to null to match the chunk); otherwise a new
 * batch is allocated. Throws CorruptTickChunkError on bytes that are not a valid chunk.
 */
export function decodeTickChunk(bytes: Uint8Array, into?: TickBatch): TickBatch {
  if (bytes.length < 2 || bytes[0] !== TICK_CHUNK_VERSION) {
    throw new CorruptTickChunkError(bytes.length < 2 ? 'too short' : `unknown version ${bytes[0]}`);
  }
  let body: Uint8Array;
  try {
    body = decompress(bytes.subarray(1));
  } catch (e) {
    throw new CorruptTickChunkError(`zstd: ${(e as Error).message}`);
  }
  if (body.byteOffset % 8 !== 0) body = body.slice(); // typed views need 8-aligned columns
  if (body.length < 8) throw new CorruptTickChunkError('body too short');
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  const n = view.getUint32(0, true);
  const withVolumes = (view.getUint8(4) & FLAG_VOLUMES) !== 0;
  const ncols = view.getUint8(5);
  if (ncols !== (withVolumes ? 5 : 3) || body.length < headerBytes(ncols))
    throw new CorruptTickChunkError('bad header');
  let size = headerBytes(ncols);
  for (let c = 0; c < ncols; c++) {
    const enc = view.getUint8(8 + 4 * c);
    if ((enc !== RAW && enc !== SCALED) || view.getUint8(9 + 4 * c) > MAX_DECIMALS) {
      throw new CorruptTickChunkError(`bad encoding of column ${c}`);
    }
    size += enc === SCALED ? scaledBytes(n) : 8 * n;
  }
  if (size !== body.length)
    throw new CorruptTickChunkError(`body is ${body.length} bytes, its header says ${size}`);

  const out = into !== undefined && into.ts.length >= n ? into : allocTickBatch(n, withVolumes);
  if (
    withVolumes &&
    (out.bidVol === null || out.bidVol.length < n || out.askVol === null || out.askVol.length < n)
  ) {
    out.bidVol = new Float64Array(out.ts.length);
    out.askVol = new Float64Array(out.ts.length);
  } else if (!withVolumes) {
    out.bidVol = null;
    out.askVol = null;
  }
  const cols = columnsOf(out);
  let off = body.byteOffset + headerBytes(ncols);
  for (let c = 0; c < ncols; c++) {
    const dst = cols[c]!;
    if (view.getUint8(8 + 4 * c) === SCALED) {
      decodeScaled(body.buffer, off, n, POW10[view.getUint8(9 + 4 * c)], dst);
      off += scaledBytes(n);
    } else {
      dst.set(new Float64Array(body.buffer, off, n));
      off += 8 * n;
    }
  }
  out.length = n;
  return out;
}

/** The hot loop: one prefix sum per column. */
function decodeScaled(
  buf: ArrayBufferLike,
  off: number,
  n: number,
  scale: number,
  dst: Float64Array,
): void {
  if (n === 0) return;
  const deltas = new Int32Array(buf, off + 8, n - 1);
  let acc = new Float64Array(buf, off, 1)[0];
  dst[0] = acc / scale;
  if (scale === 1) {
    for (let i = 1; i < n; i++) dst[i] = acc += deltas[i - 1];
  } else {
    for (let i = 1; i < n; i++) dst[i] = (acc += deltas[i - 1]) / scale;
  }
}

/**
 * The decimals a chunk's prices are written with: the larger of the bid and ask columns' scale,
 * each the smallest that writes every price of the chunk exactly — so no fewer than the prices
 * really have. null when a price column is RAW (prices that no decimal scale writes exactly) or
 * the chunk holds no tick. Decompresses the chunk but decodes no column.
 */
export function tickChunkPriceDecimals(bytes: Uint8Array): number | null {
  if (bytes.length < 2 || bytes[0] !== TICK_CHUNK_VERSION) return null;
  let body: Uint8Array;
  try {
    body = decompress(bytes.subarray(1));
  } catch {
    return null;
  }
  if (body.length < headerBytes(3)) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  if (view.getUint32(0, true) === 0) return null;
  // Columns 1 and 2 are bid and ask (layout above).
  if (view.getUint8(12) !== SCALED || view.getUint8(16) !== SCALED) return null;
  return Math.max(view.getUint8(13), view.getUint8(17));
}
