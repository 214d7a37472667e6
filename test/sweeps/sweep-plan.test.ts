/**
 * Plan expansion (decision C): grid order with the first swept param slowest, lists in the order
 * given, ranges including `to` on the step (floats rounded to 12 significant digits), seeded
 * random samples that are distinct and kept in grid order, walk-forward jobs contiguous per
 * window with an out-of-sample placeholder, and every refusal naming the param and the value.
 */
import { describe, expect, it } from 'vitest';
import { maCross } from '../../src/main/engine/strategy/builtin/ma-cross.ts';
import type { SweepSpec, SweptParam } from '../../src/shared/sweeps.ts';
import { MAX_SWEEP_JOBS } from '../../src/shared/sweeps.ts';
import { SweepInputError } from '../../src/main/services/sweeps/sweep-errors.ts';
import { expandPlan } from '../../src/main/services/sweeps/sweep-plan.ts';
import type { ParamSpec } from '../../src/main/engine/strategy/types.ts';

const DAY = 86_400_000;
const SCHEMA: ParamSpec[] = [
  ...maCross.params,
  { name: 'ratio', type: 'number', default: 0.5, min: 0, max: 1, description: 'a float' },
];

function spec(params: SweptParam[], over: Partial<SweepSpec> = {}): SweepSpec {
  return {
    base: {
      symbols: ['EURUSD'],
      from: null,
      to: null,
      strategy: 'ma-cross',
      fixed: {},
      record: ['trades', 'equity'],
    },
    params,
    search: { kind: 'grid' },
    objective: 'net-profit',
    minTrades: 1,
    walkForward: null,
    ...over,
  };
}

const range = (name: string, from: number, to: number, step: number): SweptParam => ({
  name,
  kind: 'range',
  from,
  to,
  step,
});
const list = (name: string, ...values: (number | string | boolean)[]): SweptParam => ({
  name,
  kind: 'list',
  values,
});

const paramsOf = (s: SweepSpec) => expandPlan(s, SCHEMA, null).jobs.map((j) => j.params);

function refusal(s: SweepSpec, r: { start: number; end: number } | null = null): string {
  try {
    expandPlan(s, SCHEMA, r);
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(SweepInputError);
    return (err as Error).message;
  }
  throw new Error('the plan was accepted');
}

describe('grid', () => {
  it('nests the loops with the first swept param varying slowest; lists keep their order', () => {
    expect(paramsOf(spec([range('fast', 5, 15, 5), list('slow', 50, 20)]))).toEqual([
      { fast: 5, slow: 50 },
      { fast: 5, slow: 20 },
      { fast: 10, slow: 50 },
      { fast: 10, slow: 20 },
      { fast: 15, slow: 50 },
      { fast: 15, slow: 20 },
    ]);
  });

  it('includes `to` only when it lies on the step', () => {
    expect(paramsOf(spec([range('fast', 5, 20, 5)])).map((p) => p!.fast)).toEqual([5, 10, 15, 20]);
    expect(paramsOf(spec([range('fast', 5, 19, 5)])).map((p) => p!.fast)).toEqual([5, 10, 15]);
  });

  it('builds a float range as from + i*step rounded to 12 significant digits', () => {
    expect(paramsOf(spec([range('ratio', 0.1, 0.3, 0.1)])).map((p) => p!.ratio)).toEqual([
      0.1, 0.2, 0.3,
    ]);
  });

  it('types list text by the schema, as run --param does (h1 is the timeframe H1)', () => {
    const plan = expandPlan(
      spec([list('trendTimeframe', 'h1', 'H4'), list('fast', '3')]),
      SCHEMA,
      null,
    );
    expect(plan.jobs.map((j) => j.params)).toEqual([
      { trendTimeframe: 'H1', fast: 3 },
      { trendTimeframe: 'H4', fast: 3 },
    ]);
    expect(plan.spec.params[1]).toEqual({ name: 'fast', kind: 'list', values: [3] });
  });
});

describe('random search', () => {
  const grid = [range('fast', 2, 41, 1), range('slow', 3, 52, 1)]; // 40 × 50 points
  const sampled = (seed: number, samples = 25) =>
    paramsOf(spec(grid, { search: { kind: 'random', samples, seed } }));
  const gridIndex = (p: Record<string, unknown> | null) =>
    ((p!.fast as number) - 2) * 50 + ((p!.slow as number) - 3);

  it('draws the same distinct points for the same seed, in grid order', () => {
    const a = sampled(7);
    expect(a).toEqual(sampled(7));
    expect(a).toHaveLength(25);
    const idx = a.map(gridIndex);
    expect(new Set(idx).size, 'distinct').toBe(25);
    expect(idx, 'grid order').toEqual([...idx].sort((x, y) => x - y));
    expect(sampled(8).map(gridIndex), 'another seed, other points').not.toEqual(idx);
  });

  it('can draw every point of the grid, each once', () => {
    expect(sampled(3, 2000).map(gridIndex)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it('refuses more samples than grid points', () => {
    expect(
      refusal(spec([range('fast', 2, 4, 1)], { search: { kind: 'random', samples: 4, seed: 1 } })),
    ).toMatch(/--random 4: the grid has only 3 points/);
  });
});

describe('walk-forward', () => {
  it('indexes each window contiguously: its in-sample jobs, then its out-of-sample placeholder', () => {
    const start = Date.UTC(2024, 0, 1);
    const plan = expandPlan(
      spec([list('fast', 3, 5)], { walkForward: { inSampleMs: 2 * DAY, outOfSampleMs: DAY } }),
      SCHEMA,
      { start, end: start + 4 * DAY },
    );
    expect(plan.windows.map((w) => [w.inSample.from, w.outOfSample.to])).toEqual([
      [start, start + 3 * DAY],
      [start + DAY, start + 4 * DAY],
    ]);
    expect(plan.jobs).toEqual([
      { index: 0, phase: 'is', window: 0, params: { fast: 3 } },
      { index: 1, phase: 'is', window: 0, params: { fast: 5 } },
      { index: 2, phase: 'oos', window: 0, params: null },
      { index: 3, phase: 'is', window: 1, params: { fast: 3 } },
      { index: 4, phase: 'is', window: 1, params: { fast: 5 } },
      { index: 5, phase: 'oos', window: 1, params: null },
    ]);
  });

  it('refuses a range too short for one window', () => {
    const wf = { walkForward: { inSampleMs: 2 * DAY, outOfSampleMs: DAY } };
    expect(refusal(spec([list('fast', 3)], wf), { start: 0, end: 2 * DAY })).toMatch(
      /walk-forward needs at least 2.5 days/,
    );
  });
});

describe('refusals name the param and the value', () => {
  it.each([
    [[list('fastest', 3)], {}, /unknown param 'fastest'; valid params: timeframe, fast, slow/],
    [[range('fast', 1, 10, 3)], {}, /param 'fast' must be between 2 and 1000, got 1/],
    [[list('slow', 20, 2000)], {}, /param 'slow' must be between 3 and 1000, got 2000/],
    [[range('fast', 2, 10, 1.5)], {}, /'fast' is an integer param; use whole numbers/],
    [[list('maType', 'ema', 'wma')], {}, /param 'maType' must be one of .*, got 'wma'/],
    [[range('maType', 1, 2, 1)], {}, /param 'maType' range 1:2:1: only number and integer params/],
    [[list('fast', 3, 3)], {}, /param 'fast' lists the value 3 twice/],
    [[list('fast', 3), list('fast', 4)], {}, /param 'fast' is swept twice/],
    [[list('fast', 3)], { fixed: { fast: 4 } }, /param 'fast' is both swept and fixed/],
    [[list('fast', 3)], { fixed: { slow: 'x' } }, /param 'slow' must be a whole number, got 'x'/],
    [[range('fast', 10, 5, 1)], {}, /range 10:5:1: from must not be above to/],
  ])('%j %j', (params, base, message) => {
    const s = spec(params);
    s.base = { ...s.base, ...base };
    expect(refusal(s)).toMatch(message);
  });

  it(`refuses more than ${MAX_SWEEP_JOBS} jobs before building them`, () => {
    expect(refusal(spec([range('ratio', 0, 1, 1e-9)]))).toMatch(
      /param 'ratio' range 0:1:1e-9 has 1000000001 values; at most 100000 jobs/,
    );
    expect(refusal(spec([range('fast', 2, 1000, 1), range('slow', 3, 1000, 1)]))).toMatch(
      /the grid has 997002 points; at most 100000 jobs/,
    );
  });
});
