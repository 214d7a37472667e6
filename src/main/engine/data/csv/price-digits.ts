/**
 * How many decimals a file's prices have, so that float noise can be rounded away
 * (`1.1370200000000001` → 1.13702, TrueFX's float32 `107.089996` → 107.09).
 *
 * A value's decimals are the fewest d (0..6) for which rounding it to d decimals moves it by no
 * more than float32 precision, |v|·2^-23. Float64 noise is far below that bound, and it also
 * absorbs the float32 artefacts some exports print with 6 decimals, so noise does not count as
 * extra decimals. The file's digits are the most any sampled value needs; values needing more
 * than 6 are ignored (noise beyond float32), and 5 is the answer when nothing was sampled.
 *
 * Why the maximum and not the most common count: rounding to too many decimals leaves clean
 * values untouched, while too few destroys data — a sample of 5-digit prices that mostly end
 * in 0 would otherwise round 1.03503 to 1.035.
 */
export const DEFAULT_DIGITS = 5;
const MAX_DIGITS = 6;
const FLOAT32_EPS = 2 ** -23;

/** The decimals `v` needs, up to float32 noise; -1 when it needs more than 6. */
export function valueDecimals(v: number): number {
  const tol = Math.abs(v) * FLOAT32_EPS;
  let scale = 1;
  for (let d = 0; d <= MAX_DIGITS; d++, scale *= 10) {
    if (Math.abs(Math.round(v * scale) / scale - v) <= tol) return d;
  }
  return -1;
}

/** The digits of the first `count` values of each column (see above). */
export function inferPriceDigits(columns: ArrayLike<number>[], count: number): number {
  let digits = -1;
  for (const values of columns) {
    for (let i = 0; i < count; i++) digits = Math.max(digits, valueDecimals(values[i]));
  }
  return digits < 0 ? DEFAULT_DIGITS : digits;
}

/** Rounds a price to `digits` decimals; `scale` is 10^digits. */
export function roundPrice(p: number, scale: number): number {
  return Math.round(p * scale) / scale;
}
