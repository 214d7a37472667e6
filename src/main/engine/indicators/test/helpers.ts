/** Test helpers: the TA-Lib fixture, bar construction, bit-exact deep comparison. */
import { readFileSync } from 'node:fs';
import type { IndicatorBar } from '../types.ts';

export interface FixtureColumn {
  talib: string;
  firstOutputIndex: number;
  values: (number | null)[];
}
export interface Fixture {
  source: { package: string; version: string };
  input: {
    time: number[];
    open: number[];
    high: number[];
    low: number[];
    close: number[];
    volume: number[];
  };
  cases: { spec: string; columns: Record<string, FixtureColumn> }[];
}

export const FIXTURE_PATH = new URL(
  '../../../../../test/fixtures/talib/talib-vectors.json',
  import.meta.url,
);
export const fixture: Fixture = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Fixture;

export const fixtureBars: readonly IndicatorBar[] = fixture.input.close.map((close, i) => ({
  time: fixture.input.time[i]!,
  open: fixture.input.open[i]!,
  high: fixture.input.high[i]!,
  low: fixture.input.low[i]!,
  close,
  volume: fixture.input.volume[i]!,
}));

export function bar(
  time: number,
  high: number,
  low: number,
  close: number,
  volume = 1,
  open = close,
): IndicatorBar {
  return { time, open, high, low, close, volume };
}

/** Path of the first difference between a and b (numbers by Object.is), or undefined if identical. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Object.is(a, b)
      ? undefined
      : `${path}: ${String(a)} vs ${String(b)}`;
  }
  if (a instanceof Float64Array || b instanceof Float64Array) {
    if (!(a instanceof Float64Array && b instanceof Float64Array) || a.length !== b.length)
      return `${path}: Float64Array shape`;
    for (let i = 0; i < a.length; i++)
      if (!Object.is(a[i], b[i])) return `${path}[${i}]: ${a[i]} vs ${b[i]}`;
    return undefined;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length)
      return `${path}: array shape`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
}

/** Where a value is not plain data (number/string/boolean/null/array/plain object/Float64Array). */
export function notPlain(v: unknown, path = ''): string | undefined {
  if (v === null || ['number', 'string', 'boolean'].includes(typeof v)) return undefined;
  if (v instanceof Float64Array) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const d = notPlain(v[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) {
      const d = notPlain(x, `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: ${typeof v} ${Object.prototype.toString.call(v)}`;
}

/** Overwrites every number/Float64Array inside a (cloned) snapshot, to detect aliasing. */
export function scramble(v: unknown): void {
  if (v instanceof Float64Array) v.fill(12345.678);
  else if (Array.isArray(v)) v.forEach(scramble);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'number') (v as Record<string, unknown>)[k] = 12345.678;
      else scramble(x);
    }
  }
}

/** 1e-9 relative, or 1e-12 absolute for values near 0. */
export function closeTo(actual: number, expected: number): boolean {
  const d = Math.abs(actual - expected);
  return d <= 1e-9 * Math.abs(expected) || d <= 1e-12;
}
