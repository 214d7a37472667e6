import xxhash from 'xxhash-wasm';

type Hasher = Awaited<ReturnType<typeof xxhash>>;
let hasher: Hasher | null = null;

/** xxHash (WebAssembly) needs one async start-up; services await this once before hashing. */
export async function loadHasher(): Promise<Hasher> {
  hasher ??= await xxhash();
  return hasher;
}

/** The loaded hasher; loadHasher() must have been awaited before. */
export function hasherSync(): Hasher {
  if (!hasher) throw new Error('xxhash not loaded: await loadHasher() first');
  return hasher;
}

/** xxHash64 (seed 0) of some bytes, as 16 hex digits. */
export function xxh64Hex(bytes: Uint8Array): string {
  return hasherSync().h64Raw(bytes).toString(16).padStart(16, '0');
}

export function bytesOf(a: Float64Array, start: number, count: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset + start * 8, count * 8);
}
