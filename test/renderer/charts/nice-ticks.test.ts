import { describe, expect, it } from 'vitest';
import { niceTicks, tickDecimals } from '../../../src/renderer/src/screens/run/nice-ticks.ts';
import { percent } from '../../../src/renderer/src/screens/run/format.ts';

// Deepest drawdowns (percent, negative) of the kind runs produce, tiny to total.
const DEPTHS = [-0.004, -0.37, -1, -2.6, -7.3, -12.3, -33.33, -47.9, -99.99, -100, 0];

describe('niceTicks (drawdown axis)', () => {
  it.each(DEPTHS)('from %s to 0: evenly stepped, distinct labels, covering the range', (lo) => {
    const ticks = niceTicks(lo, 0, 4);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[0]).toBeLessThanOrEqual(lo);
    expect(ticks[ticks.length - 1]).toBe(0);
    const step = ticks[1]! - ticks[0]!;
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]! - ticks[i - 1]!).toBeCloseTo(step, 9);
    }
    const dp = tickDecimals(ticks);
    const labels = ticks.map((t) => percent(t, dp));
    expect(new Set(labels).size).toBe(labels.length);
    // The 0 tick is written "0…%", never "-0%".
    expect(labels[labels.length - 1]).toMatch(/^0(\.0+)?%$/);
  });

  it('uses 1-2-2.5-5 steps and exact multiples (no 0.30000000000000004)', () => {
    expect(niceTicks(-12.3, 0, 4)).toEqual([-15, -10, -5, 0]);
    expect(niceTicks(-0.37, 0, 4)).toEqual([-0.4, -0.2, 0]);
    expect(niceTicks(-0.9, 0, 4)).toEqual([-1, -0.5, 0]);
    expect(niceTicks(0, 0, 4)).toEqual([-1, -0.5, 0]);
    expect(niceTicks(-47.9, 0, 4)).toEqual([-60, -40, -20, 0]);
    expect(niceTicks(-7.3, 0, 4)).toEqual([-7.5, -5, -2.5, 0]);
    expect(tickDecimals([-0.75, -0.5, -0.25, 0])).toBe(2);
    expect(tickDecimals([-15, -10, -5, 0])).toBe(0);
  });
});
