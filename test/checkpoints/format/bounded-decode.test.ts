import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from 'zstd-napi';
import zstd from 'zstd-napi/binding.js';
import { decodePlain, PlainDecodeError } from '../../../src/main/engine/persist/plain-decode.ts';
import { encodePlain } from '../../../src/main/engine/persist/plain-codec.ts';
import { decompressBounded } from '../../../src/main/services/checkpoints/btck/bounded-decompress.ts';
import { decodeBtck, encodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import { CorruptCheckpointError } from '../../../src/main/services/checkpoints/btck/errors.ts';
import { PAYLOAD_FLOOR_BYTES } from '../../../src/main/services/checkpoints/btck/limits.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { useTempDir } from '../../services/temp-dir.ts';
import {
  btckAroundFrame,
  hugeArrayPayload,
  nestedArraysPayload,
  zeroStreamFrame,
} from './hostile.ts';

const tempDir = useTempDir();
const MiB = 1024 * 1024;
/** A zstd frame written by the streaming API, as a streaming writer would: no declared size. */
function streamCompressed(data: Uint8Array): Uint8Array {
  const cctx = new zstd.CCtx();
  const out = new Uint8Array(zstd.compressBound(data.length) + 64);
  const [, first, used] = cctx.compressStream2(
    out,
    data.subarray(0, 1000),
    zstd.EndDirective.continue,
  );
  let total = first;
  let rest = data.subarray(used);
  for (;;) {
    const [left, produced, consumed] = cctx.compressStream2(
      out.subarray(total),
      rest,
      zstd.EndDirective.end,
    );
    total += produced;
    rest = rest.subarray(consumed);
    if (left === 0) return out.subarray(0, total);
  }
}

/** Byte equality without a per-element deep compare (slow on megabytes). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

beforeAll(() => loadHasher());

function corruption(fn: () => unknown): { reason: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof CorruptCheckpointError) return { reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error('expected a CorruptCheckpointError');
}

describe('bounded zstd decompression', () => {
  it('round-trips payloads with and without a declared size', () => {
    for (const n of [0, 1, 1000, 3 * MiB + 7]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31) % 251);
      expect(same(decompressBounded(compress(data), n), data), `${n} bytes`).toBe(true);
    }
    const zeros = new Uint8Array(20 * 128 * 1024);
    expect(same(decompressBounded(zeroStreamFrame(20), zeros.length), zeros)).toBe(true);
  });

  it('round-trips a multi-megabyte frame that does not declare its size (streamed)', () => {
    const data = new Uint8Array(10 * MiB).map((_, i) => (i * 7) % 253);
    const frame = streamCompressed(data);
    expect(zstd.getFrameContentSize(frame), 'no size in the header').toBeNull();
    const back = decompressBounded(frame, 64 * MiB);
    expect(back.constructor, 'a plain Uint8Array (callers slice it)').toBe(Uint8Array);
    expect(same(back, data)).toBe(true);
    expect(corruption(() => decompressBounded(frame, 10 * MiB - 1)).reason).toBe('too-large');
  });

  it('refuses a frame declaring more than the cap before allocating it', () => {
    const frame = zeroStreamFrame(1, 400n * 1024n * 1024n * 1024n);
    const r = corruption(() => decompressBounded(frame, 64 * MiB));
    expect(r.reason).toBe('too-large');
    expect(r.message).toMatch(/declares 429496729600 bytes, more than the 67108864 bytes allowed/);
  });

  it('stops a frame that streams past the cap as soon as it does', () => {
    const frame = zeroStreamFrame(64); // 8 MiB of zeros in 260 bytes
    const r = corruption(() => decompressBounded(frame, MiB));
    expect(r.reason).toBe('too-large');
    expect(r.message).toMatch(/streams more/);
  });

  it('refuses a frame whose declared size is a lie, either way, without writing past it', () => {
    const block = 128n * 1024n;
    expect(corruption(() => decompressBounded(zeroStreamFrame(2, block), MiB)).reason).toBe(
      'decompress',
    );
    expect(corruption(() => decompressBounded(zeroStreamFrame(1, 3n * block), MiB)).reason).toBe(
      'decompress',
    );
  });

  it('reports a truncated or damaged frame as decompress', () => {
    const frame = compress(new Uint8Array(100_000).fill(3));
    expect(
      corruption(() => decompressBounded(frame.subarray(0, frame.length - 2), MiB)).reason,
    ).toBe('decompress');
    expect(corruption(() => decompressBounded(new Uint8Array([1, 2, 3, 4, 5]), MiB)).reason).toBe(
      'decompress',
    );
  });

  it('decodeBtck caps a small file at the floor: 128 KB of frame streaming 4 GiB is refused', () => {
    const file = btckAroundFrame(zeroStreamFrame(32 * 1024)); // 4 GiB of zeros, 128 KiB on disk
    expect(file.length).toBeLessThan(140_000);
    const r = corruption(() => decodeBtck(file, 1));
    expect(r.reason).toBe('too-large');
    expect(r.message).toContain(`${PAYLOAD_FLOOR_BYTES} bytes allowed`);
  });

  it('a real process decoding a 1 GiB zero stream stays within the cap in memory', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ckpt-000001-000000000001.btck');
    fs.writeFileSync(file, btckAroundFrame(zeroStreamFrame(8 * 1024))); // 1 GiB of zeros
    const child = path.join(import.meta.dirname, 'decode-child.ts');
    const r = spawnSync(process.execPath, [child, file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { reason: string; rssGrowthBytes: number };
    expect(out.reason).toBe('too-large');
    // Decoding holds at most cap + 1 bytes (64 MiB here) when it stops; the unbounded decoder
    // would have held the whole GiB.
    expect(out.rssGrowthBytes).toBeLessThan(2 * PAYLOAD_FLOOR_BYTES);
  });

  it('a normal checkpoint payload still decodes', () => {
    const payload = encodePlain({ a: [1, 2, 3], f: new Float64Array(1000).fill(1.5) });
    const file = encodeBtck(payload, { version: 1, createdAt: 1 });
    expect(decodeBtck(file, 1).payload).toEqual(payload);
  });
});

describe('plain-data decoding of untrusted payloads', () => {
  function decodeError(bytes: Uint8Array, maxValues?: number): string {
    try {
      decodePlain(bytes, maxValues);
    } catch (e) {
      expect(e).toBeInstanceOf(PlainDecodeError);
      return (e as Error).message;
    }
    throw new Error('expected a PlainDecodeError');
  }

  it('checks a declared array count against the bytes left before allocating', () => {
    expect(decodeError(hugeArrayPayload(12 * 1024, 400_000_000))).toMatch(
      /an array at byte 1 declares 400000000 items, but only 12283 bytes are left/,
    );
  });

  it('checks declared object and typed-array counts the same way', () => {
    const obj = new Uint8Array([8, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0, 0]);
    expect(decodeError(obj)).toMatch(/an object at byte 1 declares 268435455 items/);
    const f64 = new Uint8Array([9, 0, 0, 0, 0x20, 1, 2, 3]);
    expect(decodeError(f64)).toMatch(/a typed array at byte 1 declares 536870912 items/);
  });

  it('caps how many values one decode may build', () => {
    const payload = encodePlain(new Array(1000).fill(null));
    expect(decodePlain(payload)).toHaveLength(1000);
    expect(decodeError(payload, 500)).toMatch(/more than the 500 values allowed/);
  });

  it('nested arrays each claiming every byte left decode in a small heap', () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested.bin');
    fs.writeFileSync(file, nestedArraysPayload(12 * 1024));
    const child = path.join(import.meta.dirname, 'decode-child.ts');
    // 48 MB of heap: the payload is 12 KB; a decoder preallocating every level needs ~130 MB.
    const r = spawnSync(process.execPath, ['--max-old-space-size=48', child, file, 'plain'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).error).toMatch(/unexpected end of data/);
  });
});
