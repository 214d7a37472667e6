import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/main/engine/persist/byte-writer.ts';
import {
  encodePlain,
  encodePlainWith,
  NonPlainDataError,
} from '../../src/main/engine/persist/plain-codec.ts';
import { decodePlain, PlainDecodeError } from '../../src/main/engine/persist/plain-decode.ts';

/** Deep equality that tells -0 from 0 and NaN from NaN (Object.is on every leaf). */
function expectBitExact(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${String(expected)}`).toBe(
      true,
    );
    return;
  }
  if (expected instanceof Float64Array) {
    expect(actual).toBeInstanceOf(Float64Array);
    const a = actual as Float64Array;
    expect(a.length).toBe(expected.length);
    for (let i = 0; i < a.length; i++) expectBitExact(a[i], expected[i], `${path}[${i}]`);
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const k of Object.keys(expected)) {
      expectBitExact(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
    }
    return;
  }
  expect(actual, path).toBe(expected);
}

describe('plain-data codec', () => {
  it('round-trips special float64 values bit for bit', () => {
    const value = {
      nan: NaN,
      negZero: -0,
      inf: Infinity,
      negInf: -Infinity,
      tiny: 5e-324,
      big: 2 ** 53 + 2,
      int: -2147483648,
      arr: new Float64Array([NaN, -0, 0, Infinity, 1.1]),
      nested: [1, 'two', null, undefined, true, false, { __proto__: 1, é: 'ü' }],
      ints: new Int32Array([1, -2, 3]),
      bytes: new Uint8Array([0, 255]),
    };
    expectBitExact(decodePlain(encodePlain(value)), value);
  });

  it('gives the same bytes for the same state whatever the key insertion order', () => {
    const a = encodePlain({ x: 1, y: { b: 2, a: [3] } });
    const b = encodePlain({ y: { a: [3], b: 2 }, x: 1 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('tells 0 from -0 in the encoded bytes', () => {
    expect(Buffer.from(encodePlain(0)).equals(Buffer.from(encodePlain(-0)))).toBe(false);
  });

  it('refuses functions, class instances, Maps and cycles with the path', () => {
    class Position {
      size = 1;
    }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodePlain({ s: { f: () => 1 } })).toThrow(/at s\.f: a function/);
    expect(() => encodePlain({ p: [new Position()] })).toThrow(
      /at p\[0\]: an instance of Position/,
    );
    expect(() => encodePlain({ m: new Map() })).toThrow(/instance of Map/);
    expect(() => encodePlain(cyclic)).toThrow(NonPlainDataError);
    expect(() => encodePlain({ n: 1n })).toThrow(/bigint/);
  });

  it('accepts shared (non-cyclic) references', () => {
    const shared = { v: 1 };
    expect(decodePlain(encodePlain({ a: shared, b: shared }))).toEqual({
      a: { v: 1 },
      b: { v: 1 },
    });
  });

  it('reports truncated or padded input instead of returning garbage', () => {
    const bytes = encodePlain({ a: [1, 2, 3], s: 'hello' });
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodePlain(bytes.subarray(0, cut))).toThrow(PlainDecodeError);
    }
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    expect(() => decodePlain(padded)).toThrow(/trailing/);
  });

  it('gives the same bytes through a reused writer, whatever it encoded before', () => {
    const w = new ByteWriter(16);
    const big = { rows: new Float64Array(5000).fill(1.5), s: 'x'.repeat(300) };
    const small = { a: [1, 2, 3], b: NaN };
    expect(Buffer.from(encodePlainWith(w, big)).equals(Buffer.from(encodePlain(big)))).toBe(true);
    const again = encodePlainWith(w, small);
    expect(Buffer.from(again).equals(Buffer.from(encodePlain(small)))).toBe(true);
    expect(again.buffer.byteLength, 'an exact-size copy, safe to transfer').toBe(again.length);
  });
});
