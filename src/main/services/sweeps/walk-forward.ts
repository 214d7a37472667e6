/**
 * Rolling walk-forward windows (docs/sweeps.md has a worked example):
 *
 *   window k:  in-sample      [start + k·OOS,  start + k·OOS + IS)
 *              out-of-sample  [start + k·OOS + IS,  min(that + OOS, end))
 *
 * Windows step by the out-of-sample length, so the out-of-sample periods tile the data after the
 * first in-sample period without overlap; their equity curves stitch into one. A last window whose
 * out-of-sample period would be cut short is kept, clipped to `end`, if it still holds at least
 * half an out-of-sample length; a shorter tail is left out (too little to judge the params on).
 */

export interface WalkForwardWindow {
  window: number;
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
}

/** The most windows one sweep may have: a bound before anything is allocated. */
export const MAX_WINDOWS = 1000;

export class WalkForwardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WalkForwardError';
  }
}

/** `start`/`end`: ms UTC, end exclusive (the sweep's from/to, or the data's first/last tick). */
export function walkForwardWindows(
  start: number,
  end: number,
  inSampleMs: number,
  outOfSampleMs: number,
): WalkForwardWindow[] {
  // A NaN start or end (a null from/to turned into a number) would pass every comparison below
  // as false and loop forever, pushing windows until memory runs out.
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new WalkForwardError(`walk-forward needs a start and an end; got ${start} and ${end}`);
  if (!(inSampleMs > 0) || !(outOfSampleMs > 0))
    throw new WalkForwardError('walk-forward periods must be longer than zero');
  const span = end - start;
  if (span < inSampleMs + outOfSampleMs / 2)
    throw new WalkForwardError(
      `walk-forward needs at least ${days(inSampleMs + outOfSampleMs / 2)} of data ` +
        `(in-sample plus half an out-of-sample period); the range holds ${days(span)}`,
    );
  if ((span - inSampleMs) / outOfSampleMs > MAX_WINDOWS)
    throw new WalkForwardError(`walk-forward would make more than ${MAX_WINDOWS} windows`);
  const windows: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const isFrom = start + k * outOfSampleMs;
    const oosFrom = isFrom + inSampleMs;
    const oosTo = Math.min(oosFrom + outOfSampleMs, end);
    if (oosTo - oosFrom < outOfSampleMs / 2) break;
    windows.push({
      window: k,
      inSample: { from: isFrom, to: oosFrom },
      outOfSample: { from: oosFrom, to: oosTo },
    });
    if (oosTo >= end) break;
  }
  return windows;
}

function days(ms: number): string {
  const d = ms / 86_400_000;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} days`;
}

/** `90d:30d` (units d, w, h) → in-sample and out-of-sample lengths in ms. */
export function parseWalkForward(text: string): { inSampleMs: number; outOfSampleMs: number } {
  const parts = text.split(':');
  if (parts.length !== 2)
    throw new WalkForwardError(`--walk-forward must be IS:OOS, e.g. 90d:30d; got '${text}'`);
  const [inSampleMs, outOfSampleMs] = parts.map((p) => periodMs(p, text));
  return { inSampleMs: inSampleMs!, outOfSampleMs: outOfSampleMs! };
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function periodMs(part: string, whole: string): number {
  const m = /^(\d+)([hdw])$/.exec(part.trim());
  if (!m || Number(m[1]) === 0)
    throw new WalkForwardError(
      `--walk-forward periods are whole hours, days or weeks (12h, 90d, 4w); got '${whole}'`,
    );
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}
