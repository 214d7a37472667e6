import { describe, expect, it } from 'vitest';
import {
  estimateWidth,
  placeLabels,
  type LabelCandidate,
  type PlacedLabel,
} from '../../../src/renderer/src/screens/checkpoints/label-layout.ts';

const OPTS = { minX: 16, maxX: 1384, fontSize: 9 };

/** n checkpoints spread over the axis, as a run's evenly spaced interval checkpoints are. */
function evenly(n: number, jitter = 0): LabelCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    key: i + 1,
    x: OPTS.minX + ((OPTS.maxX - OPTS.minX) * i) / Math.max(1, n - 1) + (i % 3) * jitter,
    text: String(i + 1),
    priority: 0,
  }));
}

function expectNoOverlap(placed: Map<number, PlacedLabel>, gap = 4) {
  const spans = [...placed.values()].sort((a, b) => a.left - b.left);
  for (const s of spans) {
    expect(s.left).toBeGreaterThanOrEqual(OPTS.minX);
    expect(s.left + s.width).toBeLessThanOrEqual(OPTS.maxX);
  }
  for (let i = 1; i < spans.length; i++)
    expect(spans[i].left, `label ${spans[i].key} after ${spans[i - 1].key}`).toBeGreaterThanOrEqual(
      spans[i - 1].left + spans[i - 1].width + gap,
    );
}

describe('timeline label placement', () => {
  it('draws every label when there is room', () => {
    const placed = placeLabels(evenly(12), OPTS);
    expect([...placed.keys()].sort((a, b) => a - b)).toEqual(evenly(12).map((c) => c.key));
    expectNoOverlap(placed);
  });

  for (const n of [60, 200]) {
    it(`${n} checkpoints: no two drawn labels overlap, and they are thinned evenly`, () => {
      const all = evenly(n, 1.5);
      const placed = placeLabels(all, OPTS);
      expectNoOverlap(placed);
      expect(placed.size).toBeLessThan(n + 1);
      expect(placed.size).toBeGreaterThan(10);
      // No long stretch of the axis without a label: gaps at most a few label widths.
      const xs = [...placed.values()].map((p) => p.left).sort((a, b) => a - b);
      const widest = estimateWidth(String(n), OPTS.fontSize);
      for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeLessThan(4 * widest + 30);
    });
  }

  it('on a narrow axis 200 labels still never overlap', () => {
    const narrow = { ...OPTS, maxX: 320 };
    const all = Array.from({ length: 200 }, (_, i) => ({
      key: i + 1,
      x: 16 + (304 * i) / 199,
      text: `#${i + 1}`,
      priority: 0,
    }));
    const placed = placeLabels(all, narrow);
    const spans = [...placed.values()].sort((a, b) => a.left - b.left);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i].left).toBeGreaterThanOrEqual(spans[i - 1].left + spans[i - 1].width + 4);
  });

  it('places the selected and marked checkpoints first, whatever their neighbours', () => {
    const all = evenly(200).map((c) =>
      c.key === 77 ? { ...c, priority: 3 } : c.key === 78 ? { ...c, priority: 2 } : c,
    );
    const placed = placeLabels(all, OPTS);
    expect(placed.has(77)).toBe(true);
    expect(placed.has(78)).toBe(false); // touches 77, which outranks it
    expectNoOverlap(placed);
    const marked = placeLabels(
      all.map((c) => (c.key === 77 ? { ...c, priority: 0 } : c)),
      OPTS,
    );
    expect(marked.has(78)).toBe(true);
  });

  it('keeps labels at the ends inside the axis', () => {
    const placed = placeLabels(
      [
        { key: 1, x: OPTS.minX, text: '1000', priority: 0 },
        { key: 2, x: OPTS.maxX, text: '2000', priority: 0 },
      ],
      OPTS,
    );
    expect(placed.get(1)!.left).toBe(OPTS.minX);
    expect(placed.get(2)!.left + placed.get(2)!.width).toBe(OPTS.maxX);
  });

  it('does not depend on the input order', () => {
    const all = evenly(200, 2);
    const a = placeLabels(all, OPTS);
    const b = placeLabels([...all].reverse(), OPTS);
    expect([...b.entries()].sort((x, y) => x[0] - y[0])).toEqual(
      [...a.entries()].sort((x, y) => x[0] - y[0]),
    );
  });
});
