import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../../src/main/engine/data/generate/index.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import {
  BTCK_FOOTER_BYTES,
  BTCK_HEADER_BYTES,
  BTCK_MAGIC,
  BTCK_MIN_BYTES,
  CorruptCheckpointError,
  decodeBtck,
  encodeBtck,
  readBtckHeader,
  UnsupportedCheckpointVersionError,
  verifyBtck,
  withFile,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import { snapshotLikePayload } from './fixtures.ts';

const CREATED = Date.parse('2025-01-02T03:04:05.678Z');

beforeAll(async () => {
  await loadHasher();
});

function corruptReason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CorruptCheckpointError) return e.reason;
    throw e;
  }
  return 'accepted';
}

describe('BTCK container', () => {
  it('round-trips a payload and keeps the header fields', () => {
    const payload = snapshotLikePayload(200_000);
    const file = encodeBtck(payload, { version: 1, createdAt: CREATED });
    expect(new TextDecoder().decode(file.subarray(0, 4))).toBe(BTCK_MAGIC);
    expect(file.length, 'zstd shrinks a snapshot-like payload').toBeLessThan(payload.length);
    const { header, payload: back } = decodeBtck(file, 1);
    expect(header).toEqual({ version: 1, createdAt: CREATED });
    expect(back).toEqual(payload);
    expect(readBtckHeader(file)).toEqual(header);
  });

  it('lays out the header little-endian: magic, u32 version, i64 ms, then zstd, then the hash', () => {
    const file = encodeBtck(new Uint8Array([1, 2, 3]), { version: 0x01020304, createdAt: -5 });
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    expect(view.getUint32(4, true)).toBe(0x01020304);
    expect(view.getBigInt64(8, true), 'times before 1970 survive').toBe(-5n);
    expect([...file.subarray(16, 20)], 'the payload starts with the zstd frame magic').toEqual([
      0x28, 0xb5, 0x2f, 0xfd,
    ]);
    expect(readBtckHeader(file)).toEqual({ version: 0x01020304, createdAt: -5 });
  });

  it('round-trips an empty payload and honours the zstd level', () => {
    const empty = encodeBtck(new Uint8Array(0), { version: 1, createdAt: 0 });
    expect(empty.length).toBeGreaterThanOrEqual(BTCK_MIN_BYTES);
    expect(decodeBtck(empty, 1).payload.length).toBe(0);
    const payload = snapshotLikePayload(300_000);
    const fast = encodeBtck(payload, { version: 1, createdAt: 0, level: 1 });
    const small = encodeBtck(payload, { version: 1, createdAt: 0, level: 19 });
    expect(small.length, 'level 19 is smaller than level 1').toBeLessThan(fast.length);
    expect(decodeBtck(small, 1).payload).toEqual(payload);
  });

  it('is deterministic: the same payload and header give the same bytes', () => {
    const payload = snapshotLikePayload(50_000);
    const a = encodeBtck(payload, { version: 1, createdAt: CREATED });
    const b = encodeBtck(payload.slice(), { version: 1, createdAt: CREATED });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses bad header values when encoding', () => {
    const p = new Uint8Array(1);
    expect(() => encodeBtck(p, { version: 0, createdAt: 0 })).toThrow(RangeError);
    expect(() => encodeBtck(p, { version: 1.5, createdAt: 0 })).toThrow(RangeError);
    expect(() => encodeBtck(p, { version: 1, createdAt: 0.5 })).toThrow(RangeError);
  });
});

describe('BTCK corruption is a typed error', () => {
  const small = (): Uint8Array =>
    encodeBtck(new TextEncoder().encode('a small checkpoint payload'), {
      version: 1,
      createdAt: CREATED,
    });

  it('an empty file', () => {
    expect(corruptReason(() => verifyBtck(new Uint8Array(0), 1))).toBe('empty');
    expect(corruptReason(() => readBtckHeader(new Uint8Array(0)))).toBe('empty');
  });

  it('every truncation of a small file, at every length', () => {
    const file = small();
    for (let n = 0; n < file.length; n++) {
      const cut = file.subarray(0, n);
      const expected = n === 0 ? 'empty' : n < BTCK_MIN_BYTES ? 'truncated' : 'checksum';
      expect(
        corruptReason(() => decodeBtck(cut, 1)),
        `cut at ${n} of ${file.length}`,
      ).toBe(expected);
    }
  });

  it('truncations of a large file at random lengths', () => {
    const file = encodeBtck(snapshotLikePayload(400_000), { version: 1, createdAt: CREATED });
    const prng = new Prng(21);
    for (let i = 0; i < 200; i++) {
      const n = BTCK_MIN_BYTES + (prng.nextU32() % (file.length - BTCK_MIN_BYTES));
      expect(
        corruptReason(() => decodeBtck(file.subarray(0, n), 1)),
        `cut at ${n}`,
      ).toBe('checksum');
    }
  });

  it('every single bit flip in a small file: magic bytes as magic, all else by the checksum', () => {
    const file = small();
    for (let bit = 0; bit < file.length * 8; bit++) {
      const bad = file.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      const where = bit >> 3;
      const expected = where < 4 ? 'magic' : 'checksum';
      expect(
        corruptReason(() => decodeBtck(bad, 1)),
        `bit ${bit} (byte ${where})`,
      ).toBe(expected);
    }
  });

  it('random bit flips in header, payload and footer of a large file, caught before zstd', () => {
    const file = encodeBtck(snapshotLikePayload(400_000), { version: 1, createdAt: CREATED });
    const prng = new Prng(22);
    const regions = {
      header: [4, BTCK_HEADER_BYTES],
      payload: [BTCK_HEADER_BYTES, file.length - BTCK_FOOTER_BYTES],
      footer: [file.length - BTCK_FOOTER_BYTES, file.length],
    } as const;
    for (const [name, [from, to]] of Object.entries(regions)) {
      for (let i = 0; i < 50; i++) {
        const byte = from + (prng.nextU32() % (to - from));
        const bad = file.slice();
        bad[byte] ^= 1 << (prng.nextU32() % 8);
        // verifyBtck never decompresses: a flipped payload bit must already fail here.
        expect(
          corruptReason(() => verifyBtck(bad, 1)),
          `${name} byte ${byte}`,
        ).toBe('checksum');
      }
    }
  });

  it('wrong magic, even with a valid-looking rest', () => {
    const file = small();
    file.set(new TextEncoder().encode('PK\x03\x04'), 0);
    expect(corruptReason(() => verifyBtck(file, 1))).toBe('magic');
    expect(corruptReason(() => readBtckHeader(file))).toBe('magic');
  });

  it('a checksum-valid file whose payload is not zstd is corrupt (decompress)', async () => {
    const { hasherSync } = await import('../../../src/main/services/hash.ts');
    const file = small();
    file[BTCK_HEADER_BYTES] ^= 0xff; // break the zstd frame magic, then re-seal the checksum
    const view = new DataView(file.buffer);
    const body = file.subarray(0, file.length - BTCK_FOOTER_BYTES);
    view.setBigUint64(file.length - BTCK_FOOTER_BYTES, hasherSync().h64Raw(body, 0n), true);
    expect(verifyBtck(file, 1).version).toBe(1);
    expect(corruptReason(() => decodeBtck(file, 1))).toBe('decompress');
  });

  it('a file from a newer app is UnsupportedCheckpointVersionError with an actionable message', () => {
    const file = encodeBtck(new Uint8Array([9]), { version: 3, createdAt: CREATED });
    let caught: unknown;
    try {
      decodeBtck(file, 2);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnsupportedCheckpointVersionError);
    const err = caught as UnsupportedCheckpointVersionError;
    expect([err.version, err.supported]).toEqual([3, 2]);
    expect(err.message).toContain(
      'written by a newer BackTestr (format 3, this version reads up to 2); update the app',
    );
    expect(decodeBtck(file, 3).payload, 'older or equal versions are accepted').toEqual(
      new Uint8Array([9]),
    );
  });

  it('withFile names the file and keeps the reason', () => {
    let caught: unknown;
    try {
      verifyBtck(new Uint8Array(3), 1);
    } catch (e) {
      caught = withFile(e, '/x/ckpt-000001-000000000001.btck');
    }
    expect(caught).toBeInstanceOf(CorruptCheckpointError);
    const err = caught as CorruptCheckpointError;
    expect(err.reason).toBe('truncated');
    expect(err.file).toBe('/x/ckpt-000001-000000000001.btck');
    expect(err.message).toContain('/x/ckpt-000001-000000000001.btck');
  });
});
