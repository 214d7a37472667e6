/**
 * A sweep's plan: its spec checked against the strategy's param schema and the data, expanded
 * into the numbered jobs it runs (decision C). Grid order is nested loops with the FIRST swept
 * param varying slowest; a random search draws `samples` distinct grid points with a seeded PRNG
 * and keeps them in grid order. Walk-forward: for each window, every point on its in-sample range
 * and then one out-of-sample job (params chosen later), so a window's jobs are contiguous.
 * Everything is counted before it is allocated (MAX_SWEEP_JOBS).
 */
import { Prng } from '../../engine/data/generate/prng.ts';
import type { ParamSpec } from '../../engine/strategy/types.ts';
import {
  MAX_SWEEP_JOBS,
  sweepSpecSchema,
  type ParamValue,
  type SweepJobPhase,
  type SweepSpec,
} from '../../../shared/sweeps.ts';
import { SweepInputError } from './sweep-errors.ts';
import { checkedValue, sweptValues } from './sweep-values.ts';
import { walkForwardWindows, WalkForwardError, type WalkForwardWindow } from './walk-forward.ts';

export interface PlannedJob {
  index: number;
  phase: SweepJobPhase;
  window: number | null;
  /** null for an out-of-sample job until its window's best in-sample job is known. */
  params: Record<string, ParamValue> | null;
}

export interface SweepPlan {
  /** The spec as stored: fixed params and list values typed by the schema. */
  spec: SweepSpec;
  jobs: PlannedJob[];
  windows: WalkForwardWindow[];
}

/** Random search draws from at most this many grid points (the PRNG's 32-bit resolution). */
const MAX_RANDOM_GRID = 2 ** 32;

/** Throws a SweepInputError naming what the zod schema refused. */
export function parseSpec(spec: unknown): SweepSpec {
  const r = sweepSpecSchema.safeParse(spec);
  if (r.success) return r.data as SweepSpec;
  const issue = r.error.issues[0]!;
  throw new SweepInputError(`sweep spec: ${issue.path.join('.') || 'spec'}: ${issue.message}`);
}

function specOf(schema: readonly ParamSpec[], name: string): ParamSpec {
  const spec = schema.find((s) => s.name === name);
  if (spec) return spec;
  const valid = schema.length === 0 ? 'none' : schema.map((s) => s.name).join(', ');
  throw new SweepInputError(`unknown param '${name}'; valid params: ${valid}`);
}

/** The chosen grid points' indices, ascending (grid order). */
function pointIndices(spec: SweepSpec, gridSize: number): number[] {
  if (spec.search.kind === 'grid') return Array.from({ length: gridSize }, (_, i) => i);
  const { samples, seed } = spec.search;
  if (samples > gridSize)
    throw new SweepInputError(`--random ${samples}: the grid has only ${gridSize} points`);
  if (gridSize > MAX_RANDOM_GRID)
    throw new SweepInputError(`random search needs a grid of at most 2^32 points`);
  // A partial Fisher-Yates shuffle over a virtual array of all points: distinct by construction,
  // O(samples) memory however large the grid.
  const prng = new Prng(seed);
  const moved = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < samples; i++) {
    const j = i + Math.floor(prng.uniform() * (gridSize - i));
    const atJ = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    picked.push(atJ);
  }
  return picked.sort((a, b) => a - b);
}

/** Grid point `k` → params; mixed radix with the first param as the most significant digit. */
function pointParams(names: string[], values: ParamValue[][], k: number) {
  const params: Record<string, ParamValue> = {};
  for (let p = names.length - 1; p >= 0; p--) {
    const n = values[p]!.length;
    params[names[p]!] = values[p]![k % n]!;
    k = Math.floor(k / n);
  }
  return Object.fromEntries(names.map((name) => [name, params[name]!]));
}

/**
 * The pure expansion: spec + the strategy's schema (+ the data range for walk-forward) → plan.
 * `range`: [first tick, last tick + 1) of the symbols, or the spec's from/to where given.
 */
export function expandPlan(
  input: SweepSpec,
  schema: readonly ParamSpec[],
  range: { start: number; end: number } | null,
): SweepPlan {
  const spec = parseSpec(input);
  const names = spec.params.map((p) => p.name);
  for (const [i, name] of names.entries()) {
    specOf(schema, name);
    if (names.indexOf(name) !== i) throw new SweepInputError(`param '${name}' is swept twice`);
    if (name in spec.base.fixed)
      throw new SweepInputError(`param '${name}' is both swept and fixed; give it once`);
  }
  const fixed = Object.fromEntries(
    Object.entries(spec.base.fixed).map(([n, v]) => [n, checkedValue(specOf(schema, n), v)]),
  );
  const values = spec.params.map((p) => sweptValues(specOf(schema, p.name), p));
  const gridSize = values.reduce((n, v) => n * v.length, 1);
  if (spec.search.kind === 'grid' && gridSize > MAX_SWEEP_JOBS)
    throw new SweepInputError(`the grid has ${gridSize} points; at most ${MAX_SWEEP_JOBS} jobs`);
  let windows: WalkForwardWindow[] = [];
  if (spec.walkForward) {
    if (!range) throw new SweepInputError('walk-forward needs the data range');
    try {
      const wf = spec.walkForward;
      windows = walkForwardWindows(range.start, range.end, wf.inSampleMs, wf.outOfSampleMs);
    } catch (err) {
      if (err instanceof WalkForwardError) throw new SweepInputError(err.message);
      throw err;
    }
  }
  const perWindow = spec.search.kind === 'random' ? spec.search.samples : gridSize;
  const total = spec.walkForward ? windows.length * (perWindow + 1) : perWindow;
  if (total > MAX_SWEEP_JOBS)
    throw new SweepInputError(`the sweep would have ${total} jobs; at most ${MAX_SWEEP_JOBS}`);
  const points = pointIndices(spec, gridSize).map((k) => pointParams(names, values, k));
  const jobs: PlannedJob[] = [];
  if (!spec.walkForward) {
    for (const params of points)
      jobs.push({ index: jobs.length, phase: 'search', window: null, params });
  } else {
    for (const w of windows) {
      for (const params of points)
        jobs.push({ index: jobs.length, phase: 'is', window: w.window, params });
      jobs.push({ index: jobs.length, phase: 'oos', window: w.window, params: null });
    }
  }
  const params = spec.params.map((p) =>
    p.kind === 'list' ? { ...p, values: values[names.indexOf(p.name)]! } : p,
  );
  return { spec: { ...spec, base: { ...spec.base, fixed }, params }, jobs, windows };
}
