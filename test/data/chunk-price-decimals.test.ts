import { describe, expect, it } from 'vitest';
import { encodeTickChunk, tickChunkPriceDecimals } from '../../src/main/engine/data/chunk-codec.ts';
import { allocTickBatch } from '../../src/main/engine/data/tick-batch.ts';

function chunk(bid: number[], ask: number[]): Uint8Array {
  const b = allocTickBatch(bid.length, false);
  b.ts.set(bid.map((_, i) => 1_704_067_200_000 + i));
  b.bid.set(bid);
  b.ask.set(ask);
  b.length = bid.length;
  return encodeTickChunk(b, 0, b.length);
}

describe('tickChunkPriceDecimals (the scale a chunk writes its prices with)', () => {
  it('is the larger of the bid and ask scales: the fewest decimals that write every price', () => {
    expect(tickChunkPriceDecimals(chunk([1.1, 1.10001], [1.1002, 1.1003]))).toBe(5);
    // The ask needs 3 decimals, the bid 2: the chunk's prices have at least 3.
    expect(tickChunkPriceDecimals(chunk([150.25, 150.5], [150.253, 150.5]))).toBe(3);
    expect(tickChunkPriceDecimals(chunk([5000, 5001], [5002, 5003]))).toBe(0);
  });

  it('says nothing (null) for prices no decimal scale writes, an empty chunk, or bad bytes', () => {
    expect(tickChunkPriceDecimals(chunk([Math.PI, 1], [4, 5]))).toBe(null);
    expect(tickChunkPriceDecimals(chunk([], []))).toBe(null);
    expect(tickChunkPriceDecimals(Uint8Array.of(1, 2, 3))).toBe(null);
    expect(tickChunkPriceDecimals(Uint8Array.of(9, 0))).toBe(null);
  });
});
