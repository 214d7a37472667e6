/**
 * Contract every registered indicator must honour: first output index, preview leaves state
 * untouched and equals update + read, snapshot -> structuredClone -> restore continues
 * identically (Object.is, so NaN / -0 / ±Infinity count), plain-data snapshots, offsets.
 */
import { describe, expect, it } from 'vitest';
import {
  createIndicator,
  indicatorCatalog,
  IndicatorStateError,
  type Indicator,
  type IndicatorBar,
} from '../index.ts';
import { bar, firstDifference, fixtureBars, notPlain, scramble } from './helpers.ts';

// Defaults of every registered indicator, plus small / odd parameters so warm-up edges and
// window wrap-around happen early and often.
const SPECS = [
  ...indicatorCatalog.map((d) => d.name),
  'sma(3)',
  'ema(2)',
  'wma(2)',
  'dema(2)',
  'tema(3)',
  'rsi(2)',
  'bbands(2,0.5)',
  'macd(2,3,1)',
  'stoch(1,1,1)',
  'stoch(5,3,2)',
  'willr(2)',
  'cci(2)',
  'atr(1)',
  'adx(2)',
  'sar(0.2,0.2)',
  'keltner(1,1.5)',
  'donchian(1)',
  'donchian(7)',
];

// Awkward bars: zero / -0 prices, zero volume, repeated bars, huge values that overflow the
// running sums to ±Infinity and NaN, denormals, a UTC-day change. Only for the state contract.
const DAY = 86_400_000;
const AWKWARD: IndicatorBar[] = [
  bar(0, 1, 1, 1, 0),
  bar(1, 0, -0, -0, 0),
  bar(2, -0, -0, -0, 5),
  bar(3, 2, 1, 1.5, 3),
  bar(4, 2, 1, 1.5, 3),
  bar(5, 2, 1, 1.5, 3),
  bar(DAY - 1, 1e308, 1, 1e308, 1e308),
  bar(DAY, 1e308, 1e308, 1e308, 1e308),
  bar(DAY + 1, 5e-324, 0, 5e-324, 1),
  bar(DAY + 2, 3, 2, 2.5, 7),
  ...Array.from({ length: 40 }, (_, i) =>
    bar(2 * DAY + i, 10 + (i % 7), 9 - (i % 3), 9.5 + (i % 5) / 4, i % 4),
  ),
];

const SERIES: [string, readonly IndicatorBar[]][] = [
  ['fixture walk', fixtureBars],
  ['awkward bars', AWKWARD],
];

function readAll(ind: Indicator): Float64Array {
  const out = new Float64Array(ind.columns.length);
  ind.read(out, 0);
  return out;
}

describe('indicator contract', () => {
  it('covers every registered indicator', () => {
    const covered = new Set(SPECS.map((s) => createIndicator(s).spec.replace(/\(.*$/, '')));
    expect([...covered].sort()).toEqual(indicatorCatalog.map((d) => d.name).sort());
  });

  describe.each(SPECS)('%s', (spec) => {
    it('reads NaN before the first bar and has consistent column metadata', () => {
      const ind = createIndicator(spec);
      expect(readAll(ind).every(Number.isNaN)).toBe(true);
      expect(ind.columnFirstOutputIndex).toHaveLength(ind.columns.length);
      expect(ind.firstOutputIndex).toBe(Math.max(...ind.columnFirstOutputIndex));
      const base = ind.spec.replace(/[()]/g, ' ').trim().replace(/[ ,]+/g, '_');
      for (const c of ind.columns) expect(c === base || c.startsWith(`${base}_`)).toBe(true);
    });

    it('first non-NaN value of each column is at its first output index, no NaN after', () => {
      const ind = createIndicator(spec);
      const rows = fixtureBars.map((b) => (ind.update(b), readAll(ind)));
      ind.columns.forEach((_, c) => {
        const first = rows.findIndex((r) => !Number.isNaN(r[c]));
        expect(first).toBe(ind.columnFirstOutputIndex[c]);
        expect(rows.slice(first).every((r) => !Number.isNaN(r[c]))).toBe(true);
      });
      expect(rows.findIndex((r) => r.every((v) => !Number.isNaN(v)))).toBe(ind.firstOutputIndex);
    });

    it.each(SERIES)('preview leaves state untouched and equals update + read (%s)', (_, bars) => {
      const ind = createIndicator(spec);
      const w = ind.columns.length;
      const previewed = new Float64Array(w + 2);
      const read = new Float64Array(w + 2);
      for (const [i, b] of bars.entries()) {
        const before = ind.snapshot();
        const readBefore = readAll(ind);
        previewed.fill(-7);
        ind.preview(b, previewed, 1);
        expect(firstDifference(ind.snapshot(), before), `bar ${i}`).toBeUndefined();
        expect(firstDifference(readAll(ind), readBefore), `bar ${i}`).toBeUndefined();
        ind.preview(b, previewed, 1); // a second preview of the same partial bar is the same
        ind.update(b);
        read.fill(-7);
        ind.read(read, 1);
        expect(firstDifference(previewed, read), `bar ${i}`).toBeUndefined();
        expect([read[0], read[w + 1]]).toEqual([-7, -7]); // wrote exactly columns.length values
      }
    });

    it.each(SERIES)(
      'snapshot -> structuredClone -> restore continues bit-identically (%s)',
      (_, bars) => {
        const probe = createIndicator(spec);
        const f = probe.firstOutputIndex;
        const cuts = [...new Set([0, 1, 2, f - 1, f, f + 1, 7, 160, bars.length - 1])].filter(
          (k) => k >= 0 && k < bars.length,
        );
        for (const cut of cuts) {
          const a = createIndicator(spec);
          for (const b of bars.slice(0, cut)) a.update(b);
          const snap = a.snapshot();
          expect(notPlain(snap), `cut ${cut}`).toBeUndefined();
          const copy = structuredClone(snap);
          const b2 = createIndicator(spec);
          b2.restore(copy);
          scramble(copy); // the restored instance must not alias the snapshot
          scramble(snap); // nor the source instance its own snapshot
          expect(firstDifference(b2.snapshot(), a.snapshot()), `cut ${cut}`).toBeUndefined();
          expect(firstDifference(readAll(b2), readAll(a)), `cut ${cut}`).toBeUndefined();
          const pa = new Float64Array(a.columns.length);
          const pb = new Float64Array(a.columns.length);
          for (const [i, b] of bars.slice(cut).entries()) {
            a.preview(b, pa, 0);
            b2.preview(b, pb, 0);
            expect(firstDifference(pb, pa), `cut ${cut} + ${i} preview`).toBeUndefined();
            a.update(b);
            b2.update(b);
            expect(firstDifference(readAll(b2), readAll(a)), `cut ${cut} + ${i}`).toBeUndefined();
          }
          expect(firstDifference(b2.snapshot(), a.snapshot()), `cut ${cut} end`).toBeUndefined();
        }
      },
    );

    it('refuses a snapshot of another spec or a damaged one', () => {
      const ind = createIndicator(spec);
      for (const b of fixtureBars.slice(0, 40)) ind.update(b);
      const other = createIndicator(spec === 'obv' ? 'vwap' : 'obv');
      expect(() => ind.restore(other.snapshot())).toThrow(IndicatorStateError);
      const snap = ind.snapshot();
      expect(() =>
        ind.restore({ ...snap, last: new Float64Array(ind.columns.length + 1) }),
      ).toThrow(IndicatorStateError);
      const key = Object.keys(snap.state)[0]!;
      const { [key]: _removed, ...damaged } = snap.state;
      expect(() => ind.restore({ ...snap, state: damaged })).toThrow(IndicatorStateError);
    });
  });
});
