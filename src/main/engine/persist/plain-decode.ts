/** The reading half of the plain-data codec; see plain-codec.ts for the layout. */
import { T } from './plain-codec.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class PlainDecodeError extends Error {
  constructor(message: string) {
    super(`cannot decode plain data: ${message}`);
    this.name = 'PlainDecodeError';
  }
}

export function decodePlain(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  const value = r.value();
  if (r.pos !== bytes.length) throw new PlainDecodeError(`${bytes.length - r.pos} trailing bytes`);
  return value;
}

class Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos = 0;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new PlainDecodeError('unexpected end of data');
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
    const count = this.u32();
    const size = count * elementSize;
    this.need(size);
    const out = this.bytes.slice(this.pos, this.pos + size).buffer;
    this.pos += size;
    return out;
  }

  value(): unknown {
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
        const n = this.u32();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case T.object: {
        const n = this.u32();
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
