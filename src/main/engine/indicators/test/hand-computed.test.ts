/**
 * Indicators without a TA-Lib counterpart (Keltner, Donchian, VWAP) and OBV edge cases, against
 * values worked out by hand in the comments (not by our code).
 */
import { describe, expect, it } from 'vitest';
import { createIndicator, type Indicator, type IndicatorBar } from '../index.ts';
import { bar } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

function run(ind: Indicator, bars: readonly IndicatorBar[]): number[][] {
  const out = new Float64Array(ind.columns.length);
  return bars.map((b) => (ind.update(b), ind.read(out, 0), [...out]));
}

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) =>
    row.forEach((v, c) => {
      const e = expected[i]![c]!;
      if (Number.isNaN(e)) expect(v, `row ${i} col ${c}`).toBeNaN();
      else
        expect(Math.abs(v - e), `row ${i} col ${c}: ${v} vs ${e}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(e)),
        );
    }),
  );
}

describe('keltner(3,2): middle EMA(3) of close, bands ± 2 × ATR(3) Wilder', () => {
  // bar  H   L   C   TR (from bar 1)                 EMA(3), k = 0.5            ATR(3)
  //  0  11   9  10   -                               -                          -
  //  1  12  10  11   max(2, |12-10|, |10-10|) = 2     -                          -
  //  2  13  11  12   max(2, |13-11|, |11-11|) = 2     (10+11+12)/3 = 11          -
  //  3  16  14  15   max(2, |16-12|, |14-12|) = 4     (15-11)/2+11 = 13          (2+2+4)/3 = 8/3
  //  4  13  11  12   max(2, |13-15|, |11-15|) = 4     (12-13)/2+13 = 12.5        (8/3*2+4)/3 = 28/9
  //  5  12   8   9   max(4, |12-12|, |8-12|)  = 4     (9-12.5)/2+12.5 = 10.75    (28/9*2+4)/3 = 92/27
  const bars = [
    bar(0, 11, 9, 10),
    bar(1, 12, 10, 11),
    bar(2, 13, 11, 12),
    bar(3, 16, 14, 15),
    bar(4, 13, 11, 12),
    bar(5, 12, 8, 9),
  ];

  it('matches the hand computation; NaN until both EMA and ATR exist (bar n)', () => {
    const ind = createIndicator('keltner(3,2)');
    expect(ind.columns).toEqual(['keltner_3_2_upper', 'keltner_3_2_middle', 'keltner_3_2_lower']);
    expect(ind.firstOutputIndex).toBe(3);
    expectRows(run(ind, bars), [
      [NaN, NaN, NaN],
      [NaN, NaN, NaN],
      [NaN, NaN, NaN],
      [13 + 16 / 3, 13, 13 - 16 / 3],
      [12.5 + 56 / 9, 12.5, 12.5 - 56 / 9],
      [10.75 + 184 / 27, 10.75, 10.75 - 184 / 27],
    ]);
  });

  it('uses the multiplier: keltner(3,0.5) at bar 3 is 13 ± 0.5 × 8/3', () => {
    expectRows(run(createIndicator('keltner(3,0.5)'), bars).slice(3, 4), [
      [13 + 4 / 3, 13, 13 - 4 / 3],
    ]);
  });
});

describe('donchian(3): highest high / lowest low of the last 3 bars, middle = average', () => {
  it('matches the hand computation', () => {
    // H/L: 10/8, 12/9, 11/7, 9/8.5, 13/10
    const bars = [
      bar(0, 10, 8, 9),
      bar(1, 12, 9, 10),
      bar(2, 11, 7, 8),
      bar(3, 9, 8.5, 9),
      bar(4, 13, 10, 12),
    ];
    const ind = createIndicator('donchian(3)');
    expect(ind.columns).toEqual(['donchian_3_upper', 'donchian_3_middle', 'donchian_3_lower']);
    expect(ind.firstOutputIndex).toBe(2);
    expectRows(run(ind, bars), [
      [NaN, NaN, NaN],
      [NaN, NaN, NaN],
      [12, 9.5, 7], // max(10,12,11), min(8,9,7)
      [12, 9.5, 7], // max(12,11,9), min(9,7,8.5)
      [13, 10, 7], // max(11,9,13), min(7,8.5,10)
    ]);
  });
});

describe('vwap: Σ(typical × volume) / Σ volume since the UTC day start', () => {
  const d1 = Date.UTC(2024, 2, 10);
  // typical = (H + L + C) / 3
  const bars = [
    bar(d1 + 22 * HOUR, 12, 9, 9, 100), //  tp 10 → 1000/100 = 10
    bar(d1 + 23 * HOUR, 21, 18, 21, 300), // tp 20 → (1000 + 6000)/400 = 17.5
    bar(d1 + DAY, 31, 29, 30, 50), //          new day, tp 30 → 30
    bar(d1 + DAY + HOUR, 41, 39, 40, 150), //  tp 40 → (1500 + 6000)/200 = 37.5
  ];

  it('accumulates within a day and resets on the first bar of the next UTC day', () => {
    const ind = createIndicator('vwap');
    expect(ind.columns).toEqual(['vwap']);
    expectRows(run(ind, bars), [[10], [17.5], [30], [37.5]]);
  });

  it('preview of a bar from the next day shows the reset value without resetting', () => {
    const ind = createIndicator('vwap');
    run(ind, bars.slice(0, 2));
    const out = new Float64Array(1);
    ind.preview(bars[2]!, out, 0);
    expect(out[0]).toBe(30);
    ind.read(out, 0);
    expect(out[0]).toBe(17.5);
    ind.preview(bar(d1 + 23 * HOUR + 1, 20, 20, 20, 100), out, 0); // same day: (7000 + 2000) / 500
    expect(out[0]).toBe(18);
  });

  it('uses floor for days before 1970 (23:00 on 1969-12-31 and 00:00 on 1970-01-01 differ)', () => {
    expectRows(run(createIndicator('vwap'), [bar(-HOUR, 10, 10, 10, 1), bar(0, 20, 20, 20, 1)]), [
      [10],
      [20],
    ]);
  });

  it('is NaN while the day has no volume, then weights from the first volume', () => {
    const ind = createIndicator('vwap');
    expectRows(
      run(ind, [bar(d1, 5, 5, 5, 0), bar(d1 + HOUR, 7, 7, 7, 0), bar(d1 + 2 * HOUR, 12, 6, 9, 10)]),
      [[NaN], [NaN], [9]],
    );
  });
});

describe('obv edge cases (TA-Lib semantics)', () => {
  it('starts at the first volume, adds on up, subtracts on down, holds on equal closes', () => {
    const closes = [10, 11, 11, 9, 9.5, 9.5];
    const volumes = [500, 200, 300, 1000, 0, 40];
    const bars = closes.map((c, i) => bar(i, c, c, c, volumes[i]));
    // 500; +200 = 700; equal → 700; -1000 = -300; up with 0 volume → -300; equal → -300
    expectRows(run(createIndicator('obv'), bars), [[500], [700], [700], [-300], [-300], [-300]]);
  });

  it('first bar with zero volume gives 0, not NaN', () => {
    expectRows(run(createIndicator('obv()'), [bar(0, 1, 1, 1, 0), bar(1, 2, 2, 2, 5)]), [[0], [5]]);
  });

  it('preview of the first bar gives its volume and leaves OBV without a value', () => {
    const ind = createIndicator('obv');
    const out = new Float64Array(1);
    ind.preview(bar(0, 1, 1, 1, 42), out, 0);
    expect(out[0]).toBe(42);
    ind.read(out, 0);
    expect(out[0]).toBeNaN();
  });
});
