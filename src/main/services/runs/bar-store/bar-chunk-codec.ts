/**
 * Closed bars as stored in SQLite: one chunk holds consecutive bars of one (run, symbol,
 * timeframe) in column form, zstd-compressed — one row per chunk instead of one per bar, which is
 * what made recording bars cost more than the engine itself (an INSERT per bar).
 *
 * Layout (all little-endian):
 *
 *   byte 0     format version (1)
 *   bytes 1…   one zstd frame holding the body
 *
 *   body       0  u32  bar count n
 *              4  u32  width w (7 bar columns + indicator outputs, as in BarHistory)
 *              8  w columns of n × f64: time, open, high, low, close, volume, ticks, indicators…
 *
 * Values are stored as raw float64 bits, so NaN indicator values (warm-up) and -0 come back
 * exactly: SQLite would turn a NaN REAL into NULL.
 */
import { compress, decompress } from 'zstd-napi';

export const BAR_CHUNK_VERSION = 1;
const HEADER = 8;
/** zstd level 1: bars are written on the engine thread, and level 3 buys little on float64. */
const LEVEL = 1;

/** Bars in column form: column c of bar i is cols[c * n + i]. */
export interface BarColumns {
  count: number;
  width: number;
  cols: Float64Array;
}

/** Bytes that are not a bar chunk this version can read. */
export class CorruptBarChunkError extends Error {
  constructor(reason: string) {
    super(`corrupt bar chunk: ${reason}`);
    this.name = 'CorruptBarChunkError';
  }
}

export function encodeBarChunk(bars: BarColumns): Uint8Array {
  const { count, width, cols } = bars;
  if (cols.length !== count * width)
    throw new RangeError(`${cols.length} values are not ${count} bars of width ${width}`);
  const body = new Uint8Array(HEADER + cols.length * 8);
  const view = new DataView(body.buffer);
  view.setUint32(0, count, true);
  view.setUint32(4, width, true);
  body.set(new Uint8Array(cols.buffer, cols.byteOffset, cols.byteLength), HEADER);
  const packed = compress(body, { compressionLevel: LEVEL });
  const out = new Uint8Array(packed.length + 1);
  out[0] = BAR_CHUNK_VERSION;
  out.set(packed, 1);
  return out;
}

/** Decodes a chunk whose row says it holds `count` bars (the bound on what is allocated). */
export function decodeBarChunk(bytes: Uint8Array, count: number): BarColumns {
  if (bytes.length < 2 || bytes[0] !== BAR_CHUNK_VERSION)
    throw new CorruptBarChunkError(bytes.length < 2 ? 'too short' : `unknown version ${bytes[0]}`);
  let body: Uint8Array;
  try {
    body = decompress(bytes.subarray(1));
  } catch (e) {
    throw new CorruptBarChunkError(`zstd: ${(e as Error).message}`);
  }
  if (body.length < HEADER) throw new CorruptBarChunkError('body too short');
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  const n = view.getUint32(0, true);
  const width = view.getUint32(4, true);
  if (n !== count) throw new CorruptBarChunkError(`holds ${n} bars, its row says ${count}`);
  if (body.length !== HEADER + n * width * 8)
    throw new CorruptBarChunkError(`body is ${body.length} bytes for ${n} bars of width ${width}`);
  // Copy into an aligned array: the decompressed buffer's offset need not be a multiple of 8.
  const cols = new Float64Array(n * width);
  new Uint8Array(cols.buffer).set(body.subarray(HEADER));
  return { count: n, width, cols };
}

/** Bars [from, to) of `bars`, still in column form (to cut a chunk at a watermark). */
export function sliceBars(bars: BarColumns, from: number, to: number): BarColumns {
  const { count, width, cols } = bars;
  const n = to - from;
  const out = new Float64Array(n * width);
  for (let c = 0; c < width; c++) out.set(cols.subarray(c * count + from, c * count + to), c * n);
  return { count: n, width, cols: out };
}

/** Number of bars of `bars` with time <= t (times ascend within a chunk). */
export function countUpTo(bars: BarColumns, t: number): number {
  let n = 0;
  while (n < bars.count && bars.cols[n] <= t) n++;
  return n;
}
