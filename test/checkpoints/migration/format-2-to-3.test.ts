/**
 * Checkpoint format 2 → 3 (issue 12): a format-2 state gains the money fields with neutral
 * values — what a run of that version had in effect (no swaps, no margin) — so it passes the
 * strict snapshot schema and resumes. The whole-file path from format 1 (through 2) is covered by
 * v1-fixture.test.ts; this pins the step itself and its tolerance of malformed input.
 */
import { describe, expect, it } from 'vitest';
import { migrateCheckpoint } from '../../../src/main/services/checkpoints/checkpoint-migrations.ts';

const position = (size: number, entryPrice: number) => ({
  size,
  entryPrice,
  entryTime: size === 0 ? NaN : 1,
  entryCommission: 0,
  stopLoss: null,
  takeProfit: null,
  tradeId: size === 0 ? 0 : 1,
});

function format2() {
  return {
    formatVersion: 2,
    state: {
      portfolio: {
        symbols: ['EURUSD', 'GBPUSD'],
        books: [
          { bid: 1.1, ask: 1.1001, time: 5, position: position(1000, 1.09), orders: [] },
          { bid: 1.25, ask: 1.2501, time: 5, position: position(0, NaN), orders: [] },
        ],
      },
      equity: { time: 5, balance: 10_000, equity: 10_010, peak: 10_010 },
    },
  };
}

describe('checkpoint migration 2 → 3', () => {
  it('adds swap 0, extremes at the entry price (NaN flat), nextRollover NaN, tracker margin 0', () => {
    const d = migrateCheckpoint(2, format2());
    expect(d.formatVersion).toBe(3);
    const [open, flat] = d.state.portfolio.books.map((b) => b.position);
    expect(open).toMatchObject({ swap: 0, worstPrice: 1.09, bestPrice: 1.09 });
    expect(flat.swap).toBe(0);
    expect(flat.worstPrice).toBeNaN();
    expect(flat.bestPrice).toBeNaN();
    expect(d.state.portfolio.nextRollover).toBeNaN();
    expect(d.state.equity.margin).toBe(0);
  });

  it('widens pending rows with the neutral money columns and starts rejections at seq 0', () => {
    const trade = [1, 1, 'EURUSD', 'long', 1000, 1, 1.09, 4, 1.1, 'signal', 10, 0, 10];
    const sample = [5, 10_000, 10_010, 0, 0];
    const d = migrateCheckpoint(2, {
      ...format2(),
      watermarks: { bars: [[null]], tradeSeq: 0, equityTime: null },
      pending: { bars: [], trades: [trade], equity: [sample] },
    });
    expect(d.watermarks.rejectionSeq).toBe(0);
    // swap, MAE pips/money, MFE pips/money; used margin 0 and no margin level.
    expect(d.pending.trades).toEqual([[...trade, 0, 0, 0, 0, 0]]);
    expect(d.pending.equity).toEqual([[...sample, 0, null]]);
    expect(d.pending.rejections).toEqual([]);
  });

  it('leaves malformed states for the schema to name instead of throwing', () => {
    for (const state of [null, 7, { portfolio: 'x' }, { portfolio: { books: [null, 3] } }]) {
      expect(() => migrateCheckpoint(2, { formatVersion: 2, state })).not.toThrow();
    }
    for (const pending of [null, 'x', { trades: 3, equity: [null, 4] }]) {
      expect(() => migrateCheckpoint(2, { ...format2(), pending, watermarks: 1 })).not.toThrow();
    }
  });
});
