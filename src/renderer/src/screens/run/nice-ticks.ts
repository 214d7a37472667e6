/**
 * Axis ticks chosen here rather than by recharts, which thins its own ticks when labels crowd
 * and so skipped some on the drawdown axis: a "nice" step (1, 2, 2.5 or 5 × 10^k) that covers
 * [lo, hi] in at most `maxTicks` ticks, the ticks being exact multiples of the step, so their
 * labels are evenly spaced and distinct.
 */

const STEPS = [1, 2, 2.5, 5, 10];

/** x rounded to `dp` decimals (a number, not text: the axis formats it). */
const roundTo = (x: number, dp: number): number => Math.round(x * 10 ** dp) / 10 ** dp;

/** The smallest nice step that covers `span` with at most `maxTicks - 1` intervals. */
export function niceStep(span: number, maxTicks: number): number {
  const raw = span / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.find((s) => s * magnitude >= raw) ?? 10;
  return step * magnitude;
}

/** Ticks from a multiple of the step at or below `lo` to one at or above `hi`. */
export function niceTicks(lo: number, hi: number, maxTicks = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0];
  if (hi < lo) [lo, hi] = [hi, lo];
  // A flat series (a run that never drew down) still gets an axis down to -1.
  if (hi - lo < 1e-9) lo = hi - 1;
  const step = niceStep(hi - lo, maxTicks);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // Multiples of the step times an integer, rounded to the step's decimals: 0.1 * 3 is
  // 0.30000000000000004 in floating point and would print as a different label.
  const dp = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = first; i <= last; i++) ticks.push(roundTo(i * step, dp) + 0);
  return ticks;
}

/** The number of decimals that writes every tick of `ticks` distinctly (0–3). */
export function tickDecimals(ticks: readonly number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  for (let dp = 0; dp < 3; dp++) {
    if (Math.abs(roundTo(step, dp) - step) < 1e-9) return dp;
  }
  return 3;
}
