import { describe, expect, it } from 'vitest';
import {
  delta,
  isoTime,
  num,
  pct,
  toJson,
} from '../../../src/main/services/checkpoints/report/values.ts';

describe('report values', () => {
  it('num: finite numbers pass, NaN and ±Infinity become null, -0 becomes 0', () => {
    expect([num(1.5), num(NaN), num(Infinity), num(-Infinity), num(null)]).toEqual([
      1.5,
      null,
      null,
      null,
      null,
    ]);
    expect(Object.is(num(-0), 0)).toBe(true);
  });

  it('isoTime, delta and pct say null when a side is unknown', () => {
    expect(isoTime(Date.UTC(2024, 2, 7, 1, 2, 3, 4))).toBe('2024-03-07T01:02:03.004Z');
    expect([isoTime(NaN), isoTime(null)]).toEqual([null, null]);
    expect([delta(1, 3.5), delta(null, 1), delta(1, null)]).toEqual([2.5, null, null]);
    expect([pct(1, 4), pct(1, 0)]).toEqual([25, null]);
  });

  it('toJson turns plain checkpoint data into JSON that round-trips', () => {
    const state = {
      n: 3,
      gone: NaN,
      far: -Infinity,
      zero: -0,
      buf: new Float64Array([1, NaN, 2]),
      list: [true, 'x', undefined, { deep: NaN }],
    };
    const json = toJson(state);
    expect(json).toEqual({
      n: 3,
      gone: null,
      far: null,
      zero: 0,
      buf: [1, null, 2],
      list: [true, 'x', null, { deep: null }],
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('toJson refuses what a checkpoint never holds, naming where', () => {
    expect(() => toJson({ a: [{ m: new Map() }] })).toThrow('not plain data at a[0].m');
    expect(() => toJson({ f: () => 1 })).toThrow('not plain data at f: function');
  });
});
