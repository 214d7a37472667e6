/**
 * A sweep's heatmap as plain data: one cell per (x value, y value) of two swept params, holding
 * the job with the best objective among the jobs at that point — when other params are swept
 * too, several jobs share a cell and the best of them speaks for it. Colour position `t` runs
 * from 0 (worst shown) to 1 (best shown); for a minimised objective (max drawdown %) a lower
 * value is better, so better is always the same colour.
 */
import { maximises } from '../../../../shared/sweep-objective.ts';
import type { ParamValue, SweepJobInfo, SweepObjective } from '../../../../shared/sweeps.ts';

export interface HeatCell {
  x: ParamValue;
  y: ParamValue | null;
  /** The best job here; null when no job ran this point or none has an objective yet. */
  job: SweepJobInfo | null;
  value: number | null;
  /** 0 = worst value shown, 1 = best; null without a value. */
  t: number | null;
}

export interface Heatmap {
  xs: ParamValue[];
  /** [null] when there is no Y param (a single row). */
  ys: (ParamValue | null)[];
  /** rows[yi][xi] */
  rows: HeatCell[][];
  /** Worst and best value shown (for the legend). */
  worst: number | null;
  best: number | null;
  /** Whether some cell stands for more than one job (other params swept, or several windows). */
  aggregated: boolean;
}

/** Distinct values in the order met; numbers ascending (a random search meets them unsorted). */
function axisValues(jobs: readonly SweepJobInfo[], name: string): ParamValue[] {
  const seen: ParamValue[] = [];
  for (const j of jobs) {
    const v = j.params[name];
    if (v !== undefined && !seen.includes(v)) seen.push(v);
  }
  return seen.every((v) => typeof v === 'number') ? (seen as number[]).sort((a, b) => a - b) : seen;
}

export function buildHeatmap(
  jobs: readonly SweepJobInfo[],
  xName: string,
  yName: string | null,
  objective: SweepObjective,
): Heatmap {
  const sign = maximises(objective) ? 1 : -1;
  const xs = axisValues(jobs, xName);
  const ys: (ParamValue | null)[] = yName ? axisValues(jobs, yName) : [null];
  const counts = new Map<string, number>();
  const best = new Map<string, SweepJobInfo>();
  const keyOf = (x: ParamValue, y: ParamValue | null) => JSON.stringify([x, y]);
  for (const j of jobs) {
    const x = j.params[xName];
    const y = yName ? j.params[yName] : null;
    if (x === undefined || y === undefined) continue;
    const key = keyOf(x, y);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (j.objective === null || !Number.isFinite(j.objective)) continue;
    const held = best.get(key);
    // Ties go to the lowest index, like bestJob: jobs arrive in index order, so keep the first.
    if (!held || sign * j.objective > sign * held.objective!) best.set(key, j);
  }
  const values = [...best.values()].map((j) => j.objective!);
  const lo = values.length ? Math.min(...values) : null;
  const hi = values.length ? Math.max(...values) : null;
  const position = (v: number): number => {
    if (lo === null || hi === null || hi === lo) return 1;
    return sign > 0 ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo);
  };
  const rows = ys.map((y) =>
    xs.map((x): HeatCell => {
      const job = best.get(keyOf(x, y)) ?? null;
      const value = job?.objective ?? null;
      return { x, y, job, value, t: value === null ? null : position(value) };
    }),
  );
  return {
    xs,
    ys,
    rows,
    worst: sign > 0 ? lo : hi,
    best: sign > 0 ? hi : lo,
    aggregated: [...counts.values()].some((n) => n > 1),
  };
}

/**
 * The cell's colour: a diverging scale from --danger (worst) through --panel-2 to --ok (best),
 * mixed by the browser from the theme's variables.
 */
export function heatColor(t: number | null): string {
  if (t === null) return 'var(--panel)';
  if (t < 0.5) {
    const pct = Math.round((1 - t * 2) * 100);
    return `color-mix(in srgb, var(--danger) ${pct}%, var(--panel-2))`;
  }
  const pct = Math.round((t * 2 - 1) * 100);
  return `color-mix(in srgb, var(--ok) ${pct}%, var(--panel-2))`;
}
