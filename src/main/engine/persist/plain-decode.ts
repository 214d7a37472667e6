/** The reading half of the plain-data codec; see plain-codec.ts for the layout. */
import { T } from './plain-codec.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class PlainDecodeError extends Error {
  constructor(message: string) {
    super(`cannot decode plain data: ${message}`);
    this.name = 'PlainDecodeError';
  }
}

/**
 * Most values (nulls, numbers, strings, array items, object entries…) one decode may build. Bytes
 * are bounded by the caller (a checkpoint payload is capped), but one payload byte can become an
 * 8–32-byte heap value: a payload of 1 GiB of nulls is a 1 G-item array, tens of GB of heap. Real
 * checkpoints hold a few hundred values (engine state is typed arrays, copied in bulk) plus the
 * strategy's state, so 16 M (~0.5 GB of heap at worst) leaves a wide margin.
 */
export const MAX_DECODED_VALUES = 1 << 24;

export function decodePlain(bytes: Uint8Array, maxValues: number = MAX_DECODED_VALUES): unknown {
  const r = new Reader(bytes, maxValues);
  const value = r.value();
  if (r.pos !== bytes.length) throw new PlainDecodeError(`${bytes.length - r.pos} trailing bytes`);
  return value;
}

class Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos = 0;
  readonly maxValues: number;
  #valuesLeft: number;
  constructor(bytes: Uint8Array, maxValues: number) {
    this.maxValues = maxValues;
    this.#valuesLeft = maxValues;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new PlainDecodeError('unexpected end of data');
  }

  /**
   * A declared count, checked against the bytes left before anything is allocated for it: each
   * item takes at least `minItemBytes`, so a 12-byte header cannot make us build a 400 M-slot
   * array (heap exhaustion) from data that could never fill it.
   */
  count(minItemBytes: number, what: string): number {
    const at = this.pos;
    const n = this.u32();
    const left = this.bytes.length - this.pos;
    if (n * minItemBytes > left) {
      throw new PlainDecodeError(
        `${what} at byte ${at} declares ${n} items, but only ${left} bytes are left`,
      );
    }
    return n;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  string(): string {
    const len = this.u32();
    this.need(len);
    const s = utf8.decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }

  /** Copies into a fresh, aligned buffer: the source offset may not be a multiple of 8. */
  raw(elementSize: number): ArrayBuffer {
    const size = this.count(elementSize, 'a typed array') * elementSize;
    const out = this.bytes.slice(this.pos, this.pos + size).buffer;
    this.pos += size;
    return out;
  }

  value(): unknown {
    if (--this.#valuesLeft < 0) {
      throw new PlainDecodeError(`more than the ${this.maxValues} values allowed`);
    }
    this.need(1);
    const tag = this.bytes[this.pos++];
    switch (tag) {
      case T.null:
        return null;
      case T.undefined:
        return undefined;
      case T.false:
        return false;
      case T.true:
        return true;
      case T.f64: {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case T.i32: {
        this.need(4);
        const v = this.view.getInt32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case T.string:
        return this.string();
      case T.array: {
        const n = this.count(1, 'an array'); // every item has at least its tag byte
        // Grown by push, not preallocated with new Array(n): nested arrays that each declare
        // "all the bytes left" would otherwise allocate depth × bytes slots before failing.
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(this.value());
        return out;
      }
      case T.object: {
        const n = this.count(5, 'an object'); // every entry: a u32 key length and a value tag
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.string();
          // defineProperty, so a '__proto__' key stays data instead of replacing the prototype
          Object.defineProperty(out, key, {
            value: this.value(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      case T.f64array:
        return new Float64Array(this.raw(8));
      case T.i32array:
        return new Int32Array(this.raw(4));
      case T.u8array:
        return new Uint8Array(this.raw(1));
      default:
        throw new PlainDecodeError(`unknown tag ${tag} at byte ${this.pos - 1}`);
    }
  }
}
