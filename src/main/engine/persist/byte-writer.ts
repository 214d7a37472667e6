/** A growable little-endian byte buffer: the writing half of the plain-data codec. */
const utf8 = new TextEncoder();

/**
 * Snapshots repeat the same short strings (object keys, specs) thousands of times per capture;
 * encoding each once saves most of the capture's time on the engine thread. Bounded.
 */
const utf8Cache = new Map<string, Uint8Array>();
function cachedUtf8(s: string): Uint8Array {
  let b = utf8Cache.get(s);
  if (b === undefined) {
    b = utf8.encode(s);
    if (utf8Cache.size < 8192) utf8Cache.set(s, b);
  }
  return b;
}

type NumericArray = Float64Array | Int32Array | Uint8Array;

export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(initialCapacity: number) {
    this.#buf = new Uint8Array(initialCapacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  #ensure(extra: number): void {
    if (this.#pos + extra <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = v;
  }

  u32(v: number): void {
    this.#ensure(4);
    this.#view.setUint32(this.#pos, v, true);
    this.#pos += 4;
  }

  i32(v: number): void {
    this.#ensure(4);
    this.#view.setInt32(this.#pos, v, true);
    this.#pos += 4;
  }

  f64(v: number): void {
    this.#ensure(8);
    this.#view.setFloat64(this.#pos, v, true);
    this.#pos += 8;
  }

  string(s: string): void {
    const bytes = s.length <= 64 ? cachedUtf8(s) : utf8.encode(s);
    this.u32(bytes.length);
    this.bytes(bytes);
  }

  bytes(b: Uint8Array): void {
    this.#ensure(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  /** Tag, count, then the raw little-endian elements (copied byte-wise: any alignment works). */
  typedArray(tag: number, a: NumericArray): void {
    this.u8(tag);
    this.u32(a.length);
    const raw = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    if (isLittleEndianHost) this.bytes(raw);
    else throw new Error('big-endian hosts are not supported');
  }

  /** Start over, keeping the buffer: a writer reused across checkpoints allocates once. */
  reset(): void {
    this.#pos = 0;
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }
}

export const isLittleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
