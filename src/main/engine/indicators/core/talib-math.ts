/**
 * Numeric helpers copied from TA-Lib's ta_utility.h (0.6 line, the build the reference vectors
 * come from), so that branch decisions match TA-Lib exactly.
 */

/** TA_EPSILON in TA-Lib 0.6 (older 0.4.0 used 1e-8). */
export const TA_EPSILON = 1e-14;

/** TA_IS_ZERO(v) */
export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** TA_IS_ZERO_OR_NEG(v) */
export function isZeroOrNeg(v: number): boolean {
  return v < TA_EPSILON;
}

/** PER_TO_K(per): EMA smoothing factor 2 / (per + 1). */
export function perToK(period: number): number {
  return 2.0 / (period + 1);
}

/** TA_TRANGE / TRUE_RANGE macro: max(high - low, |high - prevClose|, |low - prevClose|). */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const v2 = Math.abs(prevClose - high);
  if (v2 > greatest) greatest = v2;
  const v3 = Math.abs(prevClose - low);
  if (v3 > greatest) greatest = v3;
  return greatest;
}
