import { describe, expect, it } from 'vitest';
import { compress, decompress } from 'zstd-napi';
import {
  CorruptTickChunkError,
  decodeTickChunk,
  encodeTickChunk,
} from '../../src/main/engine/data/chunk-codec.ts';
import { generateTicks, Prng } from '../../src/main/engine/data/generate/index.ts';
import { allocTickBatch, type TickBatch } from '../../src/main/engine/data/tick-batch.ts';

const COLS = ['ts', 'bid', 'ask', 'bidVol', 'askVol'] as const;

function batchOf(cols: {
  ts: number[];
  bid: number[];
  ask: number[];
  bidVol?: number[];
  askVol?: number[];
}): TickBatch {
  const b = allocTickBatch(cols.ts.length, cols.bidVol !== undefined);
  for (const k of COLS) if (cols[k]) b[k]!.set(cols[k]);
  b.length = cols.ts.length;
  return b;
}

/** Asserts `got` holds ticks [start, start + count) of `src` bit for bit (Object.is: NaN, -0). */
function expectSameTicks(got: TickBatch, src: TickBatch, start = 0, count = src.length): void {
  expect(got.length).toBe(count);
  expect(got.bidVol === null, 'volumes present iff the source has them').toBe(src.bidVol === null);
  for (const k of COLS) {
    const a = got[k];
    const b = src[k];
    if (!a || !b) continue;
    for (let i = 0; i < count; i++) {
      if (!Object.is(a[i], b[start + i]))
        throw new Error(`${k}[${i}]: decoded ${a[i]}, encoded ${b[start + i]}`);
    }
  }
}

function roundTrip(src: TickBatch, start = 0, count = src.length): TickBatch {
  const decoded = decodeTickChunk(encodeTickChunk(src, start, count));
  expectSameTicks(decoded, src, start, count);
  return decoded;
}

/** The per-column (encoding, decimals) written in the body header, per the layout comment. */
function columnCodes(bytes: Uint8Array): string[] {
  const body = decompress(bytes.subarray(1));
  const ncols = body[5];
  return Array.from({ length: ncols }, (_, c) =>
    body[8 + 4 * c] === 1 ? `scaled${body[9 + 4 * c]}` : 'raw',
  );
}

describe('tick chunk codec round-trips bit for bit', () => {
  it('generated ticks, whole batches and sub-ranges', () => {
    const batches = generateTicks({
      symbol: 'EURUSD',
      start: Date.parse('2024-01-08T00:00:00Z'),
      days: 1,
      seed: 1,
    });
    const b = batches.next().value!;
    expect(b.length).toBe(65_536);
    roundTrip(b);
    roundTrip(b, 100, 5000);
    roundTrip(b, 65_535, 1);
    expect(columnCodes(encodeTickChunk(b, 0, b.length))).toEqual([
      'scaled0',
      'scaled5',
      'scaled5',
      'scaled2',
      'scaled2',
    ]);
  });

  it('NaN volumes (missing) fall back to raw for that column only', () => {
    const src = batchOf({
      ts: [1, 2, 3],
      bid: [1.1, 1.2, 1.3],
      ask: [1.2, 1.3, 1.4],
      bidVol: [1.5, NaN, 2],
      askVol: [0.75, 1, 1],
    });
    roundTrip(src);
    expect(columnCodes(encodeTickChunk(src, 0, 3))).toEqual([
      'scaled0',
      'scaled1',
      'scaled1',
      'raw',
      'scaled2',
    ]);
  });

  it('-0 as the first value is kept scaled; a later -0 forces raw', () => {
    const first = batchOf({ ts: [-0, 1, 2], bid: [-0, 1.5, 2], ask: [1, 2, 3] });
    roundTrip(first);
    expect(columnCodes(encodeTickChunk(first, 0, 3))).toEqual(['scaled0', 'scaled1', 'scaled0']);
    const later = batchOf({
      ts: [5, 6, 7],
      bid: [1.5, -0, 0],
      ask: [1, 2, 3],
      bidVol: [0, -0, 1],
      askVol: [1, 1, 1],
    });
    roundTrip(later);
    expect(columnCodes(encodeTickChunk(later, 0, 3))).toEqual([
      'scaled0',
      'raw',
      'scaled0',
      'raw',
      'scaled0',
    ]);
  });

  it('picks the smallest decimals per column (mixed scales)', () => {
    const src = batchOf({
      ts: [1703880009803.5, 1703880009804, 1703880009804.25],
      bid: [150.123, 150.12, 150.1],
      ask: [1.12345, 1.1, 1],
      bidVol: [1_000_000, 2_500_000, 0],
      askVol: [0.000045, 0.1, 0.123456789],
    });
    roundTrip(src);
    expect(columnCodes(encodeTickChunk(src, 0, 3))).toEqual([
      'scaled2',
      'scaled3',
      'scaled5',
      'scaled0',
      'scaled9',
    ]);
  });

  it('falls back to raw for values no decimal scale holds', () => {
    const cases: [string, number[]][] = [
      ['π', [Math.PI, 3, 3]],
      ['float32 noise past 9 decimals', [2.3499999046325684, 2.35, 2.4]],
      ['Infinity', [1, Infinity, 2]],
      ['huge', [1e300, 1, 2]],
      ['denormal', [5e-324, 1, 2]],
      ['past 2^53 at its scale', [2 ** 60, 2 ** 60 + 2 ** 8, 1]],
      ['delta beyond int32', [0, 2 ** 31, 2 ** 32]],
    ];
    for (const [what, values] of cases) {
      const src = batchOf({ ts: values, bid: values, ask: values });
      roundTrip(src);
      expect(columnCodes(encodeTickChunk(src, 0, 3)), what).toEqual(['raw', 'raw', 'raw']);
    }
  });

  it('empty and one-tick chunks, with and without volumes', () => {
    for (const withVol of [false, true]) {
      const src = batchOf({
        ts: [1703880009803],
        bid: [1.10353],
        ask: [1.10371],
        ...(withVol ? { bidVol: [1.5], askVol: [0.75] } : {}),
      });
      const empty = roundTrip(src, 0, 0);
      expect(empty.length).toBe(0);
      roundTrip(src, 0, 1);
      roundTrip(src, 1, 0);
    }
  });

  it('random mixes of awkward values (seeded fuzz)', () => {
    const rng = new Prng(2024);
    const awkward = [
      NaN,
      -0,
      0,
      Infinity,
      -Infinity,
      5e-324,
      1e308,
      -1.5,
      2 ** 53,
      0.1 + 0.2,
      107.089996,
    ];
    const pick = (): number => {
      const r = rng.uniform();
      if (r < 0.05) return awkward[Math.floor(rng.uniform() * awkward.length)];
      if (r < 0.5) return Math.round(rng.uniform() * 1e6) / 10 ** Math.floor(rng.uniform() * 10);
      return rng.normal() * 10 ** Math.floor(rng.uniform() * 6);
    };
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(rng.uniform() * 300);
      const messy = rng.uniform() < 0.5;
      const col = (): number[] =>
        Array.from({ length: n }, () =>
          messy ? pick() : 1 + Math.round(rng.uniform() * 1e5) / 1e5,
        );
      const src = batchOf({
        ts: col(),
        bid: col(),
        ask: col(),
        ...(round % 2 ? { bidVol: col(), askVol: col() } : {}),
      });
      const start = Math.floor(rng.uniform() * (n + 1));
      roundTrip(src, start, Math.floor(rng.uniform() * (n - start + 1)));
    }
  });

  it('any zstd level decodes the same', () => {
    const b = generateTicks({
      symbol: 'USDJPY',
      start: Date.parse('2024-01-08T00:00:00Z'),
      days: 0.05,
      seed: 3,
    }).next().value!;
    for (const level of [-5, 1, 3, 19])
      expectSameTicks(decodeTickChunk(encodeTickChunk(b, 0, b.length, level)), b);
  });
});

describe('decoding into a reused batch', () => {
  const withVol = batchOf({
    ts: [1, 2],
    bid: [1.1, 1.2],
    ask: [1.2, 1.3],
    bidVol: [1, 2],
    askVol: [3, 4],
  });
  const noVol = batchOf({ ts: [5, 6, 7], bid: [1.1, 1.2, 1.3], ask: [1.2, 1.3, 1.4] });

  it('fills `into` when it has room and matches its volume arrays to the chunk', () => {
    const into = allocTickBatch(8, false);
    const ts = into.ts;
    expect(decodeTickChunk(encodeTickChunk(withVol, 0, 2), into)).toBe(into);
    expect(into.ts).toBe(ts);
    expectSameTicks(into, withVol);
    expect(into.bidVol!.length, 'volume arrays get the batch capacity').toBe(8);
    expect(decodeTickChunk(encodeTickChunk(noVol, 0, 3), into)).toBe(into);
    expectSameTicks(into, noVol);
    expect(into.bidVol).toBeNull();
  });

  it('allocates a new batch when `into` is too small, leaving `into` alone', () => {
    const into = allocTickBatch(2, true);
    into.length = 1;
    const got = decodeTickChunk(encodeTickChunk(noVol, 0, 3), into);
    expect(got).not.toBe(into);
    expectSameTicks(got, noVol);
    expect(into.length).toBe(1);
    expect(into.bidVol).not.toBeNull();
  });
});

describe('bad input', () => {
  const good = encodeTickChunk(batchOf({ ts: [1, 2], bid: [1.1, 1.2], ask: [1.2, 1.3] }), 0, 2);

  it('throws CorruptTickChunkError instead of returning garbage', () => {
    expect(() => decodeTickChunk(new Uint8Array())).toThrow(CorruptTickChunkError);
    expect(() => decodeTickChunk(Uint8Array.of(2, ...good.subarray(1)))).toThrow(
      /unknown version 2/,
    );
    expect(() => decodeTickChunk(good.subarray(0, good.length - 3))).toThrow(
      /corrupt tick chunk: zstd/,
    );
    expect(() => decodeTickChunk(Uint8Array.of(1, 1, 2, 3, 4, 5))).toThrow(CorruptTickChunkError);
    const body = decompress(good.subarray(1));
    const withBody = (b: Uint8Array): Uint8Array => Uint8Array.of(1, ...compress(b));
    expect(() => decodeTickChunk(withBody(body.subarray(0, body.length - 8)))).toThrow(
      /header says/,
    );
    const badEncoding = Uint8Array.from(body);
    badEncoding[8] = 7;
    expect(() => decodeTickChunk(withBody(badEncoding))).toThrow(/bad encoding of column 0/);
    const badCols = Uint8Array.from(body);
    badCols[5] = 4;
    expect(() => decodeTickChunk(withBody(badCols))).toThrow(/bad header/);
  });

  it('refuses ranges outside the batch', () => {
    const b = batchOf({ ts: [1, 2], bid: [1.1, 1.2], ask: [1.2, 1.3] });
    expect(() => encodeTickChunk(b, 1, 2)).toThrow(RangeError);
    expect(() => encodeTickChunk(b, -1, 1)).toThrow(RangeError);
    expect(() => encodeTickChunk(b, 0.5, 1)).toThrow(RangeError);
  });
});
