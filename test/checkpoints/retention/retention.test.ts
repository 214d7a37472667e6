import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/main/engine/data/generate/index.ts';
import { checkpointFileName } from '../../../src/main/services/checkpoints/btck/index.ts';
import {
  applyRetention,
  planRetention,
  type RetentionCandidate,
} from '../../../src/main/services/checkpoints/retention.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();
const TOTAL = 10_000_000;

/** n checkpoints evenly over the run, seq 1..n, ticks growing. */
function evenRun(n: number, total = TOTAL): RetentionCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    ticks: Math.round(((i + 1) * total) / n),
    valid: true,
  }));
}

const band = (ticks: number): number => Math.min(9, Math.floor((ticks * 10) / TOTAL));

describe('planRetention', () => {
  it('keeps the newest 5 plus one milestone per decile of progress', () => {
    const cps = evenRun(200);
    const plan = planRetention(cps, { keep: 5, ticksTotal: TOTAL });
    const newest = [196, 197, 198, 199, 200];
    for (const s of newest) expect(plan.keep, `newest ${s}`).toContain(s);
    const milestones = plan.keep.filter((s) => !newest.includes(s));
    const bands = milestones.map((s) => band(cps[s - 1].ticks));
    expect(bands, 'one milestone in each decile, oldest first').toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(milestones).toEqual([1, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
    expect(plan.keep.length + plan.remove.length).toBe(200);
    expect(new Set([...plan.keep, ...plan.remove]).size, 'disjoint').toBe(200);
  });

  it('the milestone of a decile is its first checkpoint at or after the boundary', () => {
    const cps = [
      { seq: 1, ticks: 999_999, valid: true }, // decile 0
      { seq: 2, ticks: 1_000_000, valid: true }, // exactly the 10 % boundary: decile 1
      { seq: 3, ticks: 1_500_000, valid: true },
      { seq: 4, ticks: 2_000_001, valid: true },
      ...evenRun(20).map((c) => ({ ...c, seq: c.seq + 10, ticks: c.ticks + 5_000_000 })),
    ];
    const plan = planRetention(cps, { keep: 1, ticksTotal: TOTAL });
    expect(plan.keep.slice(0, 3)).toEqual([1, 2, 4]);
    expect(plan.remove).toContain(3);
  });

  it('is stable as checkpoints arrive: applied after every write, a kept milestone stays kept', () => {
    const prng = new Prng(9);
    const present: RetentionCandidate[] = [];
    const everMilestone = new Set<number>();
    let ticks = 0;
    for (let seq = 1; seq <= 500; seq++) {
      ticks = Math.min(TOTAL, ticks + 1 + (prng.nextU32() % 40_000));
      present.push({ seq, ticks, valid: true });
      const plan = planRetention(present, { keep: 5, ticksTotal: TOTAL });
      for (const s of everMilestone) {
        expect(plan.remove, `milestone ${s} removed at seq ${seq}`).not.toContain(s);
      }
      for (const s of plan.keep.slice(0, -5)) everMilestone.add(s);
      const removed = new Set(plan.remove);
      for (let i = present.length - 1; i >= 0; i--)
        if (removed.has(present[i].seq)) present.splice(i, 1);
      expect(present.length, 'bounded: newest 5 + at most 10 milestones').toBeLessThanOrEqual(15);
    }
    // The incremental result is what a single plan over every checkpoint would keep.
    const all: RetentionCandidate[] = [];
    const replay = new Prng(9);
    ticks = 0;
    for (let seq = 1; seq <= 500; seq++) {
      ticks = Math.min(TOTAL, ticks + 1 + (replay.nextU32() % 40_000));
      all.push({ seq, ticks, valid: true });
    }
    expect(present.map((c) => c.seq)).toEqual(
      planRetention(all, { keep: 5, ticksTotal: TOTAL }).keep,
    );
  });

  it('never removes the newest valid checkpoint, even with keep 0 or after invalid ones', () => {
    const cps = evenRun(30);
    cps[29].valid = false;
    cps[28].valid = false;
    const plan = planRetention(cps, { keep: 0, ticksTotal: TOTAL, milestones: 0 });
    expect(plan.keep).toEqual([28]);
    expect(plan.remove).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
  });

  it('leaves invalid checkpoints out of both lists (quarantine handles them)', () => {
    const prng = new Prng(3);
    const cps = evenRun(300).map((c) => ({ ...c, valid: prng.nextU32() % 4 !== 0 }));
    const plan = planRetention(cps, { keep: 5, ticksTotal: TOTAL });
    const invalid = cps.filter((c) => !c.valid).map((c) => c.seq);
    for (const s of invalid) {
      expect(plan.keep, `invalid ${s}`).not.toContain(s);
      expect(plan.remove, `invalid ${s}`).not.toContain(s);
    }
    const valid = cps.filter((c) => c.valid);
    expect(plan.keep.slice(-5)).toEqual(valid.slice(-5).map((c) => c.seq));
    expect(plan.keep.length + plan.remove.length).toBe(valid.length);
  });

  it('uses defaults keep 5 / 10 milestones; no milestones without a known total', () => {
    expect(planRetention(evenRun(100), { ticksTotal: TOTAL }).keep).toHaveLength(15);
    expect(planRetention(evenRun(100), { ticksTotal: 0 }).keep).toEqual([96, 97, 98, 99, 100]);
    expect(planRetention([], { ticksTotal: TOTAL })).toEqual({ keep: [], remove: [] });
    expect(planRetention(evenRun(100), { ticksTotal: TOTAL, milestones: 4 }).keep).toHaveLength(9);
    expect(() => planRetention([], { ticksTotal: 1, keep: -1 })).toThrow(RangeError);
  });

  it('puts checkpoints beyond ticksTotal into the last decile', () => {
    const plan = planRetention(
      [
        { seq: 1, ticks: 9_500_000, valid: true },
        { seq: 2, ticks: 12_000_000, valid: true },
        { seq: 3, ticks: 13_000_000, valid: true },
      ],
      { keep: 1, ticksTotal: TOTAL },
    );
    expect(plan).toEqual({ keep: [1, 3], remove: [2] });
  });

  it("always keeps the run's final checkpoint ('end'), even past keep and milestones", () => {
    const cps: RetentionCandidate[] = evenRun(40).map((c) => ({ ...c, trigger: 'interval' }));
    cps[29] = { ...cps[29], trigger: 'end' }; // a completed run, then forked checkpoints after it
    const plan = planRetention(cps, { keep: 1, ticksTotal: TOTAL, milestones: 0 });
    expect(plan.keep).toEqual([30, 40]);
  });

  it.each(['shutdown', 'pause'] as const)(
    "keeps a paused run's pause checkpoint ('%s') while it is the newest, not after",
    (trigger) => {
      const paused = evenRun(10).map((c, i) => ({
        ...c,
        trigger: i === 9 ? trigger : ('interval' as const),
      }));
      expect(planRetention(paused, { keep: 1, ticksTotal: TOTAL, milestones: 0 }).keep).toEqual([
        10,
      ]);
      const resumed = [
        ...paused,
        { seq: 11, ticks: TOTAL, valid: true, trigger: 'interval' as const },
      ];
      const plan = planRetention(resumed, { keep: 1, ticksTotal: TOTAL, milestones: 0 });
      expect(plan.keep, 'once resumed, the pause point is an ordinary checkpoint').toEqual([11]);
    },
  );
});

describe('applyRetention', () => {
  function populate(dir: string, cps: RetentionCandidate[]): void {
    for (const c of cps) fs.writeFileSync(path.join(dir, checkpointFileName(c.seq, c.ticks)), 'x');
  }

  it('deletes exactly the planned checkpoint files and nothing else', () => {
    const dir = tempDir();
    const cps = evenRun(40);
    populate(dir, cps);
    const others = [
      'ckpt-000003-000000750000.btck.corrupt',
      'ckpt-000041-000010250000.btck.tmp',
      'notes.txt',
    ];
    for (const f of others) fs.writeFileSync(path.join(dir, f), 'keep me');
    const plan = planRetention(cps, { keep: 5, ticksTotal: TOTAL });
    const deleted = applyRetention(dir, plan);
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual(
      plan.remove.map((s) => checkpointFileName(s, cps[s - 1].ticks)).sort(),
    );
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual(
      [...plan.keep.map((s) => checkpointFileName(s, cps[s - 1].ticks)), ...others].sort(),
    );
    expect(applyRetention(dir, plan), 'a second pass has nothing left to do').toEqual([]);
  });

  it('with a seq → file map, deletes only mapped checkpoint files inside dir', () => {
    const dir = tempDir();
    const cps = evenRun(3);
    populate(dir, cps);
    const outside = path.join(tempDir(), checkpointFileName(1, cps[0].ticks));
    fs.writeFileSync(outside, 'not in this run');
    const files = new Map([
      [1, outside],
      [2, path.join(dir, 'notes.txt')],
      [3, path.join(dir, checkpointFileName(3, cps[2].ticks))],
    ]);
    const deleted = applyRetention(dir, { keep: [], remove: [1, 2, 3] }, files);
    expect(deleted).toEqual([path.join(dir, checkpointFileName(3, cps[2].ticks))]);
    expect(fs.existsSync(outside)).toBe(true);
  });
});
