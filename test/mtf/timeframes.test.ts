import { describe, expect, it } from 'vitest';
import {
  bucketStart,
  parseTimeframes,
  TIMEFRAMES,
  TIMEFRAME_MS,
} from '../../src/main/engine/mtf/timeframes.ts';

const at = (s: string) => Date.parse(s);

describe('UTC buckets', () => {
  it('floors to the bucket start for every timeframe', () => {
    const t = at('2024-03-13T17:47:31.250Z'); // a Wednesday
    expect(new Date(bucketStart('M1', t)).toISOString()).toBe('2024-03-13T17:47:00.000Z');
    expect(new Date(bucketStart('M5', t)).toISOString()).toBe('2024-03-13T17:45:00.000Z');
    expect(new Date(bucketStart('M15', t)).toISOString()).toBe('2024-03-13T17:45:00.000Z');
    expect(new Date(bucketStart('M30', t)).toISOString()).toBe('2024-03-13T17:30:00.000Z');
    expect(new Date(bucketStart('H1', t)).toISOString()).toBe('2024-03-13T17:00:00.000Z');
    expect(new Date(bucketStart('H4', t)).toISOString()).toBe('2024-03-13T16:00:00.000Z');
    expect(new Date(bucketStart('D1', t)).toISOString()).toBe('2024-03-13T00:00:00.000Z');
    expect(new Date(bucketStart('W1', t)).toISOString()).toBe('2024-03-11T00:00:00.000Z');
  });

  it('starts weeks on Monday 00:00 UTC, including across a year end and for Sunday ticks', () => {
    expect(new Date(bucketStart('W1', at('2024-12-31T23:59:59.999Z'))).toISOString()).toBe(
      '2024-12-30T00:00:00.000Z',
    );
    expect(new Date(bucketStart('W1', at('2024-03-10T22:00:00Z'))).toISOString()).toBe(
      '2024-03-04T00:00:00.000Z',
    );
    expect(new Date(bucketStart('W1', at('2024-03-11T00:00:00Z'))).toISOString()).toBe(
      '2024-03-11T00:00:00.000Z',
    );
    expect(new Date(bucketStart('W1', 0)).toISOString()).toBe('1969-12-29T00:00:00.000Z');
  });

  it('ignores DST: the US and EU clock changes do not move UTC buckets', () => {
    // 2024-03-10 (US) and 2024-03-31 (EU) DST starts: hours stay 60 minutes long in UTC
    for (const day of ['2024-03-10', '2024-03-31', '2024-11-03']) {
      for (let h = 0; h < 24; h++) {
        const t = at(`${day}T${String(h).padStart(2, '0')}:30:00Z`);
        expect(bucketStart('H1', t)).toBe(at(`${day}T${String(h).padStart(2, '0')}:00:00Z`));
      }
    }
  });

  it('puts ticks of the same millisecond in the same bucket and the bucket end in the next', () => {
    const start = at('2024-01-02T10:00:00Z');
    expect(bucketStart('M1', start + 59_999)).toBe(start);
    expect(bucketStart('M1', start + 60_000)).toBe(start + 60_000);
  });

  it('nests: every boundary of a larger timeframe is a boundary of every smaller one', () => {
    for (let i = 0; i < TIMEFRAMES.length; i++) {
      for (let j = 0; j < i; j++) {
        const big = bucketStart(TIMEFRAMES[i], at('2024-05-15T13:00:00Z'));
        expect(bucketStart(TIMEFRAMES[j], big)).toBe(big);
        expect(TIMEFRAME_MS[TIMEFRAMES[i]] % TIMEFRAME_MS[TIMEFRAMES[j]]).toBe(0);
      }
    }
  });
});

describe('parseTimeframes', () => {
  it('normalises, de-duplicates and sorts smallest first', () => {
    expect(parseTimeframes('h1, m1,M5,h1')).toEqual(['M1', 'M5', 'H1']);
  });
  it('names the valid timeframes on a bad one', () => {
    expect(() => parseTimeframes('M1,M2')).toThrow(
      /unknown timeframe 'M2'; valid: M1, M5, M15, M30, H1, H4, D1, W1/,
    );
  });
});
