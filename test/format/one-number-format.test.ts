/**
 * One number format in the app: figures go through shared/report-format.ts (thousands
 * separators, en-US) — the renderer's format modules wrap it, and no screen formats numbers on
 * its own (toFixed, toLocaleString, Intl) where a figure would lose its separators.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixed, percent, price, signed } from '../../src/renderer/src/screens/run/format.ts';

const RENDERER = path.resolve(import.meta.dirname, '../../src/renderer/src');
// The two modules that wrap report-format.ts (and write prices and byte sizes their own way).
const FORMAT_MODULES = ['screens/run/format.ts', 'components/format.ts'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('one number format', () => {
  it('groups thousands in every figure but prices', () => {
    expect(fixed(12_345.678, 2)).toBe('12,345.68');
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(percent(1_234.5, 1)).toBe('1,234.5%');
    expect(signed(1_234.5, 2)).toBe('+1,234.50');
    expect(price(15_234.5)).toBe('15234.50000');
    expect(signed(-0.5, 5)).toBe('-0.50000');
  });

  it('no renderer file outside the format modules formats numbers itself', () => {
    const offenders = sources(RENDERER)
      .filter((f) => !FORMAT_MODULES.some((m) => f.endsWith(path.join(...m.split('/')))))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(RENDERER, f)}:${i + 1}` }))
          .filter(({ line }) => /\.toFixed\(|\.toLocaleString\(|Intl\.NumberFormat/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});
