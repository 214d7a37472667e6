/** Small statistics shared by the bench modules. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile: with fewer than 100 samples, p99 is the largest one. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

export const round3 = (x: number): number => Number(x.toFixed(3));

/**
 * Median times of several functions measured in turns (a b c, b c a, c a b, …): whatever the
 * machine does meanwhile (another process, a GC, the allocator's state) falls on all of them
 * alike, instead of on whichever was measured first.
 */
export function timeInTurns(fs: (() => unknown)[], n: number, warm = 3): number[] {
  for (let i = 0; i < warm; i++) for (const f of fs) f();
  const xs: number[][] = fs.map(() => []);
  for (let i = 0; i < n; i++) {
    // Each turn starts with the next function: none is always the one after a given other.
    for (let j = 0; j < fs.length; j++) {
      const k = (i + j) % fs.length;
      const t = performance.now();
      fs[k]();
      xs[k].push(performance.now() - t);
    }
  }
  return xs.map(median);
}
