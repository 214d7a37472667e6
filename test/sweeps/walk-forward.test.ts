import { describe, expect, it } from 'vitest';
import {
  MAX_WINDOWS,
  parseWalkForward,
  WalkForwardError,
  walkForwardWindows,
} from '../../src/main/services/sweeps/walk-forward.ts';

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** A window written out in dates, as docs/sweeps.md's worked example shows it. */
const w = (window: number, isFrom: string, isTo: string, oosFrom: string, oosTo: string) => ({
  window,
  inSample: { from: t(isFrom), to: t(isTo) },
  outOfSample: { from: t(oosFrom), to: t(oosTo) },
});

describe('walk-forward windows', () => {
  it('rolls 90d:30d over 2024-01-01..2024-07-01 as worked out by hand (2024 is a leap year)', () => {
    // Jan 1 + 90 days = Mar 31 (31 + 29 + 30); each window starts 30 days after the previous.
    // Window 3 would trade Jun 29..Jul 1: 2 days, under half of 30, so it is left out.
    expect(walkForwardWindows(t('2024-01-01'), t('2024-07-01'), 90 * DAY, 30 * DAY)).toEqual([
      w(0, '2024-01-01', '2024-03-31', '2024-03-31', '2024-04-30'),
      w(1, '2024-01-31', '2024-04-30', '2024-04-30', '2024-05-30'),
      w(2, '2024-03-01', '2024-05-30', '2024-05-30', '2024-06-29'),
    ]);
  });

  it('keeps a last window cut short by the end when it holds at least half an OOS period', () => {
    const end = t('2024-07-15'); // window 3's OOS would be Jun 29..Jul 29: 16 days are left
    const windows = walkForwardWindows(t('2024-01-01'), end, 90 * DAY, 30 * DAY);
    expect(windows).toHaveLength(4);
    expect(windows[3]).toEqual(w(3, '2024-03-31', '2024-06-29', '2024-06-29', '2024-07-15'));
    // Exactly half is kept; a millisecond less is not.
    const half = t('2024-06-29') + 15 * DAY;
    expect(walkForwardWindows(t('2024-01-01'), half, 90 * DAY, 30 * DAY)).toHaveLength(4);
    expect(walkForwardWindows(t('2024-01-01'), half - 1, 90 * DAY, 30 * DAY)).toHaveLength(3);
  });

  it('tiles the out-of-sample periods without gap or overlap when the range divides evenly', () => {
    const windows = walkForwardWindows(t('2024-01-01'), t('2024-01-11'), 4 * DAY, 2 * DAY);
    expect(windows).toEqual([
      w(0, '2024-01-01', '2024-01-05', '2024-01-05', '2024-01-07'),
      w(1, '2024-01-03', '2024-01-07', '2024-01-07', '2024-01-09'),
      w(2, '2024-01-05', '2024-01-09', '2024-01-09', '2024-01-11'),
    ]);
  });

  it('refuses a range too short for one window, saying how much it needs', () => {
    const call = () => walkForwardWindows(t('2024-01-01'), t('2024-04-10'), 90 * DAY, 30 * DAY);
    expect(call).toThrow(WalkForwardError);
    expect(call).toThrow(
      'walk-forward needs at least 105 days of data (in-sample plus half an out-of-sample ' +
        'period); the range holds 100 days',
    );
  });

  it('refuses a missing start or end instead of looping for ever', () => {
    expect(() => walkForwardWindows(NaN, 100 * DAY, DAY, DAY)).toThrow(/needs a start and an end/);
    expect(() => walkForwardWindows(0, NaN, DAY, DAY)).toThrow(/needs a start and an end/);
    expect(() => walkForwardWindows(0, Infinity, DAY, DAY)).toThrow(/needs a start and an end/);
  });

  it('refuses empty periods and more windows than MAX_WINDOWS', () => {
    expect(() => walkForwardWindows(0, 100 * DAY, 0, DAY)).toThrow(/longer than zero/);
    expect(() => walkForwardWindows(0, 100 * DAY, DAY, -DAY)).toThrow(/longer than zero/);
    const hour = 3_600_000;
    const tooLong = hour + (MAX_WINDOWS + 1) * hour;
    expect(() => walkForwardWindows(0, tooLong, hour, hour)).toThrow(/more than 1000 windows/);
    expect(walkForwardWindows(0, hour + MAX_WINDOWS * hour, hour, hour)).toHaveLength(MAX_WINDOWS);
  });
});

describe('parseWalkForward', () => {
  it('reads IS:OOS in hours, days or weeks', () => {
    expect(parseWalkForward('90d:30d')).toEqual({ inSampleMs: 90 * DAY, outOfSampleMs: 30 * DAY });
    expect(parseWalkForward('12h:4h')).toEqual({
      inSampleMs: 12 * 3_600_000,
      outOfSampleMs: 4 * 3_600_000,
    });
    expect(parseWalkForward('8w: 2w')).toEqual({ inSampleMs: 56 * DAY, outOfSampleMs: 14 * DAY });
  });

  it('refuses anything else, naming the argument', () => {
    for (const bad of ['90d', '90d:30d:10d', '90:30', '0d:30d', '1.5d:1d', '90m:30m', '-90d:30d'])
      expect(() => parseWalkForward(bad), bad).toThrow(WalkForwardError);
    expect(() => parseWalkForward('90d')).toThrow(
      "--walk-forward must be IS:OOS, e.g. 90d:30d; got '90d'",
    );
    expect(() => parseWalkForward('90m:30m')).toThrow(
      "--walk-forward periods are whole hours, days or weeks (12h, 90d, 4w); got '90m:30m'",
    );
  });
});
