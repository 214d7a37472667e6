/**
 * The shape of an FX trading week in UTC: when the market is shut, how busy each hour is and how
 * wide spreads get. Figures are for a major pair; a symbol's activity scales the rates.
 */
export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Ticks per second in the middle of each UTC hour: Sydney and Tokyo quiet, London busy, the
 * London/New York overlap (12–16) busiest, a lull at the 21:00 rollover. About 200 K ticks a day.
 */
// prettier-ignore
const HOURLY_RATE = [
  1.5, 1.7, 1.6, 1.4, 1.2, 1.2, 1.8, // 00–06 Tokyo
  3.0, 3.6, 3.4, 3.1, 3.1, // 07–11 London
  4.5, 5.3, 5.1, 4.3, // 12–15 London + New York
  3.0, 2.2, 1.8, 1.5, 1.2, // 16–20 New York
  0.6, 0.9, 1.2, // 21 rollover, 22–23 Sydney
];

/** Spread multipliers per UTC hour: tight in London/New York, wider in Asia, widest at rollover. */
// prettier-ignore
const HOURLY_SPREAD = [
  1.5, 1.4, 1.4, 1.4, 1.4, 1.4, 1.3, // 00–06
  1.0, 1.0, 1.0, 1.0, 1.0, // 07–11
  1.0, 1.0, 1.0, 1.0, // 12–15
  1.1, 1.2, 1.3, 1.3, 1.6, // 16–20
  5.0, 2.4, 1.7, // 21 rollover, 22–23
];

/** Linear interpolation between hour midpoints, wrapping around midnight. */
function hourly(table: readonly number[], msOfDay: number): number {
  const x = msOfDay / HOUR_MS - 0.5;
  const h = Math.floor(x);
  const f = x - h;
  return table[(h + 24) % 24] * (1 - f) + table[(h + 25) % 24] * f;
}

export function baseTickRate(msOfDay: number): number {
  return hourly(HOURLY_RATE, msOfDay);
}

export function spreadFactor(msOfDay: number): number {
  return hourly(HOURLY_SPREAD, msOfDay);
}

/** Day of the week of epoch day `day`, 0 = Sunday (1970-01-01, day 0, was a Thursday). */
function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * If `t` falls in the weekend close (Friday 21:00 UTC to Sunday 21:00 UTC), the time the market
 * reopens; otherwise 0.
 */
export function weekendReopen(t: number): number {
  const day = Math.floor(t / DAY_MS);
  const sunday = (day - dayOfWeek(day)) * DAY_MS;
  const intoWeek = t - sunday;
  if (intoWeek < 21 * HOUR_MS) return sunday + 21 * HOUR_MS;
  if (intoWeek >= 5 * DAY_MS + 21 * HOUR_MS) return sunday + 7 * DAY_MS + 21 * HOUR_MS;
  return 0;
}

/** Monday to Friday: the days that carry scheduled news. */
export function isWeekday(day: number): boolean {
  const dow = dayOfWeek(day);
  return dow >= 1 && dow <= 5;
}
