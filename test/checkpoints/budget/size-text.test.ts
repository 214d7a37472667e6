import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../src/shared/size-text.ts';

describe('parseSize: budgets as people write them, strictly', () => {
  it.each([
    ['1048576', 1048576],
    ['0', 0],
    ['2GiB', 2 * 2 ** 30],
    ['2 gib', 2 * 2 ** 30],
    ['500MB', 500e6],
    ['1.5KiB', 1536],
    ['0.1KB', 100],
    ['1TB', 1e12],
    ['300 B', 300],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    '',
    'GiB',
    '-1',
    '1e9',
    '1.5.2',
    '10 GB extra',
    '1.5B',
    '12 XB',
    '0x10',
    '2PiB',
    ' 1 2',
  ])('refuses %j', (text) => {
    expect(() => parseSize(text)).toThrow(/is not a size/);
  });

  it('formats with binary units', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(1536)).toBe('1.50 KiB');
    expect(formatSize(2 * 2 ** 30)).toBe('2.00 GiB');
  });
});
