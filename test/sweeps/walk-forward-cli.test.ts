/**
 * A walk-forward sweep through the real CLI: the windows are those of walk-forward.ts over the
 * data's [first tick, last tick + 1), every in-sample job runs on its window's in-sample range,
 * and each window's out-of-sample job runs the params of that window's best in-sample job (the
 * best net profit, ties to the lowest index) on the out-of-sample range.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from '../cli/run-cli.ts';
import { walkForwardWindows } from '../../src/main/services/sweeps/walk-forward.ts';
import { BASE_ARGS, sweepJson, type SweepJson } from './helpers.ts';

const HOUR = 3_600_000;
const folder = useDataFolders(2, 4);
let dir: string;
let sweep: SweepJson;

beforeAll(() => {
  dir = folder();
  sweep = sweepJson(dir, [
    'sweep',
    ...BASE_ARGS,
    '--param',
    'fast=3,5',
    '--param',
    'slow=8',
    '--walk-forward',
    '24h:12h',
    '--min-trades',
    '0',
    '--no-checkpoints',
    '--workers',
    '2',
  ]);
}, 120_000);

type Range = { from: number | null; to: number | null };

/** Each run's configured range, by run id (one `runs list`). */
function runRanges(): Map<string, Range> {
  const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as {
    id: string;
    config: Range;
  }[];
  return new Map(runs.map((r) => [r.id, { from: r.config.from, to: r.config.to }]));
}

describe('walk-forward sweep', () => {
  it('plans the windows of walk-forward.ts over the stored data', () => {
    const data = JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)[0] as {
      first: string;
      last: string;
    };
    const expected = walkForwardWindows(
      Date.parse(data.first),
      Date.parse(data.last) + 1,
      24 * HOUR,
      12 * HOUR,
    );
    expect(expected).toHaveLength(2);
    expect(sweep.windows.map(({ bestJob: _, oosJob: __, ...w }) => w)).toEqual(expected);
    expect(sweep.jobs.map((j) => [j.index, j.phase, j.window, j.status])).toEqual([
      [0, 'is', 0, 'completed'],
      [1, 'is', 0, 'completed'],
      [2, 'oos', 0, 'completed'],
      [3, 'is', 1, 'completed'],
      [4, 'is', 1, 'completed'],
      [5, 'oos', 1, 'completed'],
    ]);
  });

  it("runs each out-of-sample job with its window's best in-sample params, on its range", () => {
    const ranges = runRanges();
    for (const w of sweep.windows) {
      const inSample = sweep.jobs.filter((j) => j.phase === 'is' && j.window === w.window);
      const top = Math.max(...inSample.map((j) => j.stats!.netProfit!));
      const best = inSample.find((j) => j.stats!.netProfit === top)!;
      expect(w.bestJob, `window ${w.window}`).toBe(best.index);
      const oos = sweep.jobs[w.oosJob!]!;
      expect(oos.params).toEqual(best.params);
      expect(ranges.get(oos.runId!)).toEqual(w.outOfSample);
      for (const j of inSample) expect(ranges.get(j.runId!)).toEqual(w.inSample);
    }
  });
});

describe('a window without a qualifying in-sample job', () => {
  it('gets no out-of-sample run: its job is failed saying why, and the sweep completes', () => {
    const s = sweepJson(folder(), [
      'sweep',
      ...BASE_ARGS,
      '--param',
      'fast=3,5',
      '--walk-forward',
      '24h:12h',
      '--min-trades',
      '1000',
      '--no-checkpoints',
    ]);
    expect(s.status).toBe('completed');
    const oos = s.jobs.filter((j) => j.phase === 'oos');
    expect(oos.map((j) => [j.status, j.runId, j.error])).toEqual([
      ['failed', null, 'no in-sample job qualified'],
      ['failed', null, 'no in-sample job qualified'],
    ]);
    expect(s.jobs.filter((j) => j.phase === 'is').every((j) => j.status === 'completed')).toBe(
      true,
    );
    expect(s.windows.map((w) => w.bestJob)).toEqual([null, null]);
  });
});
