import { describe, expect, it } from 'vitest';
import { EquityTracker } from '../../src/main/engine/results/equity-tracker.ts';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../src/main/engine/persist/plain-decode.ts';

describe('EquityTracker', () => {
  it('measures the drawdown from the running peak of equity', () => {
    const eq = new EquityTracker();
    expect(eq.add(1, 10_000, 10_000)).toEqual({
      time: 1,
      balance: 10_000,
      equity: 10_000,
      drawdown: 0,
      drawdownPct: 0,
      margin: 0,
      marginLevel: null,
    });
    expect(eq.add(2, 10_000, 10_500)).toMatchObject({ drawdown: 0, drawdownPct: 0 });
    // Peak 10 500, equity 9 450: drawdown 1 050 = 10 % of the peak.
    expect(eq.add(3, 10_000, 9450)).toMatchObject({ drawdown: 1050, drawdownPct: 10 });
    expect(eq.sample(), 'sample() repeats the last reading').toMatchObject({
      time: 3,
      drawdown: 1050,
    });
    // New peak 10 600, then 10 070: drawdown 530 = 5 %.
    expect(eq.add(4, 10_200, 10_600)).toMatchObject({ drawdown: 0 });
    // 2 014 of margin in use: margin level = 10 070 / 2 014 × 100 = 500 %.
    expect(eq.add(5, 10_200, 10_070, 2014)).toEqual({
      time: 5,
      balance: 10_200,
      equity: 10_070,
      drawdown: 530,
      drawdownPct: 5,
      margin: 2014,
      marginLevel: 500,
    });
  });

  it('reports drawdownPct 0 while the peak is not positive, NaN before any reading', () => {
    const eq = new EquityTracker();
    expect(eq.sample().drawdown).toBeNaN();
    eq.add(1, -100, -100);
    expect(eq.add(2, -100, -150)).toMatchObject({ drawdown: 50, drawdownPct: 0 });
  });

  it('continues identically after snapshot → encode → decode → restore', () => {
    const a = new EquityTracker();
    a.add(1, 100, 120);
    a.add(2, 100, 90, 45);
    const b = new EquityTracker();
    b.restore(decodePlain(encodePlain(a.snapshot())) as ReturnType<EquityTracker['snapshot']>);
    expect(b.sample()).toEqual(a.sample());
    // The margin of the last reading survives too: level 90 / 45 × 100 = 200 %.
    expect(b.sample()).toMatchObject({ margin: 45, marginLevel: 200 });
    // Peak 120 survives the restore: equity 60 is a 50 % drawdown in both.
    expect(b.add(3, 100, 60)).toEqual(a.add(3, 100, 60));
    expect(b.sample().drawdownPct).toBe(50);
  });

  it('fails saying why when money leaves float64 (1.1 / 1e308 prices stored NaN drawdowns)', () => {
    const eq = new EquityTracker();
    eq.add(0, 1e308, 1.7e308);
    // Equity overflows to Infinity; its drawdown Infinity − Infinity would be NaN.
    expect(() => eq.add(60_000, 1e308, 1.7e308 * 10)).toThrow(
      /^equity left the range of numbers at 1970-01-01T00:01:00\.000Z: balance 1e\+308, equity Infinity, drawdown NaN/,
    );
    const nan = new EquityTracker();
    expect(() => nan.add(0, 100, NaN)).toThrow(/equity NaN/);
  });
});
