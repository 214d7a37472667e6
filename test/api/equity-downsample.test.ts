import { describe, expect, it } from 'vitest';
import { downsampleEquity } from '../../src/main/services/api/equity-downsample.ts';
import type { EquityPoint } from '../../src/shared/dto.ts';

const c0 = Date.UTC(2024, 0, 1);

/** A wavy curve with gaps (weekends) and one deep trough, points one minute apart. */
function curve(n: number): EquityPoint[] {
  let peak = -Infinity;
  const out: EquityPoint[] = [];
  for (let i = 0; i < n; i++) {
    const equity = 10_000 + 100 * Math.sin(i / 50) + (i === Math.floor(n * 0.37) ? -900 : 0);
    peak = Math.max(peak, equity);
    out.push({
      time: c0 + i * 60_000 + Math.floor(i / 7200) * 2 * 86_400_000,
      balance: 10_000,
      equity,
      drawdown: peak - equity,
      drawdownPct: ((peak - equity) / peak) * 100,
      margin: 0,
      marginLevel: null,
    });
  }
  return out;
}

describe('equity downsampling', () => {
  it('keeps every point of a short curve', () => {
    const c = curve(500);
    expect(downsampleEquity(c, 500)).toEqual(c);
    expect(downsampleEquity([], 10)).toEqual([]);
  });

  it('returns at most maxPoints, in time order, from the curve itself', () => {
    const c = curve(100_000);
    for (const max of [10, 11, 2000, 99_999]) {
      const d = downsampleEquity(c, max);
      expect(d.length, `maxPoints ${max}`).toBeLessThanOrEqual(max);
      expect(d.length).toBeGreaterThan(max / 2);
      for (let i = 1; i < d.length; i++) expect(d[i].time).toBeGreaterThan(d[i - 1].time);
      const points = new Set(c);
      expect(d.every((p) => points.has(p))).toBe(true);
    }
  });

  it('keeps the first and last points and the maximum drawdown', () => {
    const c = curve(100_000);
    const deepest = c.reduce((a, b) => (b.drawdown > a.drawdown ? b : a));
    for (const max of [10, 2000]) {
      const d = downsampleEquity(c, max);
      expect(d[0]).toBe(c[0]);
      expect(d.at(-1)).toBe(c.at(-1));
      expect(d).toContain(deepest);
    }
  });

  it('keeps the lowest margin level of a curve with margin, within maxPoints', () => {
    // Margin in use from a third of the way on; its level dips once, where drawdown does not.
    const c = curve(100_000).map((p, i) =>
      i < 33_000 ? p : { ...p, margin: 500, marginLevel: i === 81_234 ? 60 : 2000 + (i % 100) },
    );
    const lowest = c[81_234];
    const deepest = c.reduce((a, b) => (b.drawdown > a.drawdown ? b : a));
    for (const max of [10, 11, 2000]) {
      const d = downsampleEquity(c, max);
      expect(d.length, `maxPoints ${max}`).toBeLessThanOrEqual(max);
      expect(d).toContain(lowest);
      expect(d).toContain(deepest);
      for (let i = 1; i < d.length; i++) expect(d[i].time).toBeGreaterThan(d[i - 1].time);
    }
  });

  it('handles a curve whose points share one time span', () => {
    const c = curve(50).map((p) => ({ ...p, time: c0 }));
    const d = downsampleEquity(c, 10);
    expect(d.length).toBeLessThanOrEqual(3); // the first, the deepest and the last
    expect(d.at(-1)).toBe(c.at(-1));
  });
});
