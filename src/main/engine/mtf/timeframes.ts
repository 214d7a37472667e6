/**
 * Timeframes and their UTC buckets. Buckets are epoch-aligned with floor division, so there is
 * no time zone and no DST anywhere; W1 is shifted to start on Monday 00:00 UTC (the epoch,
 * 1970-01-01, was a Thursday). Every larger timeframe's boundaries are also boundaries of every
 * smaller one, which the bar builder relies on.
 */
export const TIMEFRAMES = ['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
export const DAY_MS = 1440 * MINUTE;

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  M1: MINUTE,
  M5: 5 * MINUTE,
  M15: 15 * MINUTE,
  M30: 30 * MINUTE,
  H1: 60 * MINUTE,
  H4: 240 * MINUTE,
  D1: DAY_MS,
  W1: 7 * DAY_MS,
};

/** Monday 1970-01-05 00:00 UTC: W1 buckets are counted from here. */
const WEEK_OFFSET_MS = 4 * DAY_MS;

export function timeframeOffset(tf: Timeframe): number {
  return tf === 'W1' ? WEEK_OFFSET_MS : 0;
}

/** Start (ms UTC) of the bucket of `tf` that contains `ts`. */
export function bucketStart(tf: Timeframe, ts: number): number {
  const size = TIMEFRAME_MS[tf];
  const offset = timeframeOffset(tf);
  return Math.floor((ts - offset) / size) * size + offset;
}

export class TimeframeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeframeError';
  }
}

export function isTimeframe(s: string): s is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(s);
}

/** "M1,H1,m5" → ['M1','M5','H1']: upper-cased, de-duplicated, smallest first. */
export function parseTimeframes(list: string): Timeframe[] {
  const names = list
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
  if (names.length === 0)
    throw new TimeframeError(`no timeframe given; valid: ${TIMEFRAMES.join(', ')}`);
  for (const n of names) {
    if (!isTimeframe(n)) {
      throw new TimeframeError(`unknown timeframe '${n}'; valid: ${TIMEFRAMES.join(', ')}`);
    }
  }
  return sortTimeframes(names as Timeframe[]);
}

export function sortTimeframes(tfs: readonly Timeframe[]): Timeframe[] {
  return [...new Set(tfs)].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
}
