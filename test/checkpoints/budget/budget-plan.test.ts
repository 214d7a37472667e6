import { describe, expect, it } from 'vitest';
import {
  planBudget,
  type SpaceFile,
  type SpaceRun,
} from '../../../src/main/services/checkpoints/budget/budget-plan.ts';
import type { RunStatus } from '../../../src/main/services/runs/run-config.ts';

const KB = 1000;

/** `n` checkpoints of `bytes` each for a run, seq 1..n, written at `t0 + seq` ms. */
function filesOf(runId: string, n: number, t0: number, bytes = 10 * KB): SpaceFile[] {
  return Array.from({ length: n }, (_, i) => ({
    runId,
    seq: i + 1,
    file: `/d/runs/${runId}/checkpoints/ckpt-${i + 1}`,
    bytes,
    mtimeMs: t0 + i + 1,
    quarantined: false,
  }));
}

const run = (runId: string, status: RunStatus | null, age: number): SpaceRun => ({
  runId,
  status,
  age,
});
const names = (fs: readonly SpaceFile[]): string[] => fs.map((f) => `${f.runId}#${f.seq}`);
const allIntact = (): boolean => true;

describe('planBudget: which checkpoint files go, in order', () => {
  it('deletes nothing, and verifies nothing, at or under the budget', () => {
    const files = filesOf('a', 3, 0);
    const plan = planBudget([run('a', 'running', 0)], files, 30 * KB, () => {
      throw new Error('no file needs verifying under the budget');
    });
    expect(plan.remove).toEqual([]);
    expect(plan.usageBytes).toBe(30 * KB);
    expect(plan.afterBytes).toBe(30 * KB);
  });

  it('takes the oldest completed run first, its files by seq (final last), and stops at the budget', () => {
    const runs = [run('new', 'completed', 200), run('old', 'completed', 100)];
    const files = [...filesOf('new', 3, 2000), ...filesOf('old', 3, 1000)];
    const plan = planBudget(runs, files, 25 * KB, allIntact);
    expect(names(plan.remove), 'old run first, then the newer one').toEqual([
      'old#1',
      'old#2',
      'old#3',
      'new#1',
    ]);
    expect(plan.afterBytes).toBe(20 * KB);
  });

  it('takes a folder with no run row (a discarded run) like a completed run', () => {
    const runs = [run('ghost', null, 50), run('live', 'paused', 10)];
    const files = [...filesOf('live', 2, 0), ...filesOf('ghost', 2, 500)];
    const plan = planBudget(runs, files, 20 * KB, allIntact);
    expect(names(plan.remove)).toEqual(['ghost#1', 'ghost#2']);
  });

  it('then older checkpoints of unfinished runs, oldest file first across runs, never their newest intact one', () => {
    const runs = [
      run('r1', 'running', 0),
      run('r2', 'interrupted', 0),
      run('r3', 'failed', 0),
      run('r4', 'paused', 0),
      run('done', 'completed', 0),
    ];
    const files = [
      ...filesOf('r1', 3, 10), // mtimes 11..13
      ...filesOf('r2', 3, 0), // 1..3
      ...filesOf('r3', 1, 100),
      ...filesOf('r4', 2, 5), // 6..7
      ...filesOf('done', 2, 1000),
    ];
    const plan = planBudget(runs, files, 0, allIntact);
    expect(names(plan.remove)).toEqual([
      'done#1',
      'done#2',
      'r2#1',
      'r2#2',
      'r4#1',
      'r1#1',
      'r1#2',
    ]);
    expect(names(plan.protectedFiles).sort()).toEqual(['r1#3', 'r2#3', 'r3#1', 'r4#2']);
    expect(plan.afterBytes, 'over budget is allowed when only resume points are left').toBe(
      40 * KB,
    );
  });

  it('keeps a damaged newest file and the newest intact one below it: the resume falls back to that', () => {
    const files = filesOf('r', 5, 0);
    const damaged = new Set([5, 4]);
    const asked: number[] = [];
    const plan = planBudget([run('r', 'interrupted', 0)], files, 0, (f) => {
      asked.push(f.seq);
      return !damaged.has(f.seq);
    });
    expect(names(plan.protectedFiles)).toEqual(['r#5', 'r#4', 'r#3']);
    expect(names(plan.remove)).toEqual(['r#1', 'r#2']);
    expect(asked, 'verified newest first, stopping at the first intact one').toEqual([5, 4, 3]);
  });

  it('deletes quarantined copies of an unfinished run but never counts them as its resume point', () => {
    const files = filesOf('r', 2, 0);
    const corrupt = {
      ...files[1],
      seq: 3,
      file: '/x/ckpt-3.corrupt',
      quarantined: true,
      mtimeMs: 0,
    };
    const plan = planBudget([run('r', 'running', 0)], [...files, corrupt], 0, allIntact);
    expect(plan.remove.map((f) => f.file)).toEqual(['/x/ckpt-3.corrupt', files[0].file]);
    expect(names(plan.protectedFiles)).toEqual(['r#2']);
  });

  it('never deletes the newest intact checkpoint of any unfinished run whatever the budget (random folders)', () => {
    const statuses: (RunStatus | null)[] = [
      'running',
      'paused',
      'interrupted',
      'failed',
      'completed',
      null,
    ];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 300; trial++) {
      const runs: SpaceRun[] = [];
      const files: SpaceFile[] = [];
      for (let r = 0; r < 1 + rnd(6); r++) {
        const id = `r${r}`;
        runs.push(run(id, statuses[rnd(statuses.length)], rnd(1000)));
        files.push(...filesOf(id, rnd(8), rnd(1000), 1 + rnd(50) * KB));
      }
      const damaged = new Set(files.filter(() => rnd(4) === 0));
      const budget = rnd(200) * KB;
      const plan = planBudget(runs, files, budget, (f) => !damaged.has(f));
      const removed = new Set(plan.remove);
      for (const r of runs.filter((x) => x.status !== null && x.status !== 'completed')) {
        const newestIntact = files
          .filter((f) => f.runId === r.runId && !damaged.has(f))
          .sort((a, b) => b.seq - a.seq)[0];
        if (newestIntact)
          expect(removed.has(newestIntact), `trial ${trial} ${r.runId}`).toBe(false);
      }
      const usage = files.reduce((s, f) => s + f.bytes, 0);
      expect(plan.afterBytes).toBe(usage - plan.remove.reduce((s, f) => s + f.bytes, 0));
      // Minimal: without its last deletion the plan would still be over budget.
      const last = plan.remove.at(-1);
      if (last) expect(plan.afterBytes + last.bytes, `trial ${trial}`).toBeGreaterThan(budget);
    }
  });
});
