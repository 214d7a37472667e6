/**
 * Deterministic binary encoding of plain data (the output of every `snapshot()`).
 *
 * Why not JSON: JSON loses NaN, ±Infinity and -0, and key order follows insertion order, so two
 * equal states built in a different order would give different bytes. Why not v8.serialize: its
 * format belongs to the V8 version in use, and a checkpoint must outlive an Electron upgrade.
 *
 * Layout (little-endian), one tag byte then the value:
 *   0 null · 1 undefined · 2 false · 3 true
 *   4 float64 (8 bytes, raw bits: NaN payload, -0 and ±Infinity survive)
 *   5 int32 (4 bytes; used for integers in int32 range that are not -0, a pure size optimisation
 *     decided by the value alone, so it stays deterministic)
 *   6 string: u32 byte length + UTF-8
 *   7 array: u32 count + items
 *   8 object: u32 count + (string key, value) pairs sorted by key (code unit order)
 *   9 Float64Array: u32 count + raw 8-byte values · 10 Int32Array · 11 Uint8Array
 *
 * Only plain data is accepted: functions, symbols, bigints, class instances, Maps, Sets and
 * cycles are refused with the path of the offending value, so hidden state cannot slip through.
 */
import { ByteWriter } from './byte-writer.ts';

export class NonPlainDataError extends Error {
  readonly path: string;
  constructor(path: string, what: string) {
    super(`not plain data at ${path || '(root)'}: ${what}`);
    this.name = 'NonPlainDataError';
    this.path = path;
  }
}

export const T = {
  null: 0,
  undefined: 1,
  false: 2,
  true: 3,
  f64: 4,
  i32: 5,
  string: 6,
  array: 7,
  object: 8,
  f64array: 9,
  i32array: 10,
  u8array: 11,
} as const;

/**
 * `sizeHint`: the expected size in bytes (e.g. the previous checkpoint's); a good hint spares
 * the buffer its growth copies, which is time the engine thread stands still.
 */
export function encodePlain(value: unknown, sizeHint = 1024): Uint8Array {
  return encodePlainWith(new ByteWriter(Math.max(64, sizeHint)), value);
}

/**
 * Encodes with a writer the caller keeps between calls (reset first): its buffer is already
 * allocated and touched, so a large state costs one pass and one exact-size copy.
 */
export function encodePlainWith(w: ByteWriter, value: unknown): Uint8Array {
  w.reset();
  writeValue(w, value, '', new Set());
  return w.finish();
}

function writeValue(w: ByteWriter, v: unknown, path: string, seen: Set<object>): void {
  switch (typeof v) {
    case 'number':
      if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0)) {
        w.u8(T.i32);
        w.i32(v);
      } else {
        w.u8(T.f64);
        w.f64(v);
      }
      return;
    case 'string':
      w.u8(T.string);
      w.string(v);
      return;
    case 'boolean':
      w.u8(v ? T.true : T.false);
      return;
    case 'undefined':
      w.u8(T.undefined);
      return;
    case 'object':
      if (v === null) return w.u8(T.null);
      return writeObject(w, v, path, seen);
    default:
      throw new NonPlainDataError(path, `a ${typeof v}`);
  }
}

function writeObject(w: ByteWriter, v: object, path: string, seen: Set<object>): void {
  if (v instanceof Float64Array) return w.typedArray(T.f64array, v);
  if (v instanceof Int32Array) return w.typedArray(T.i32array, v);
  if (v instanceof Uint8Array) return w.typedArray(T.u8array, v);
  if (seen.has(v)) throw new NonPlainDataError(path, 'a cycle (the value contains itself)');
  seen.add(v);
  if (Array.isArray(v)) {
    w.u8(T.array);
    w.u32(v.length);
    for (let i = 0; i < v.length; i++) writeValue(w, v[i], `${path}[${i}]`, seen);
  } else {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto?.constructor?.name as string | undefined) ?? 'unknown';
      throw new NonPlainDataError(path, `an instance of ${name} (only plain objects are allowed)`);
    }
    if (Object.getOwnPropertySymbols(v).length > 0) {
      throw new NonPlainDataError(path, 'an object with symbol keys');
    }
    const keys = Object.keys(v).sort();
    w.u8(T.object);
    w.u32(keys.length);
    for (const key of keys) {
      w.string(key);
      writeValue(w, (v as Record<string, unknown>)[key], path ? `${path}.${key}` : key, seen);
    }
  }
  seen.delete(v);
}
