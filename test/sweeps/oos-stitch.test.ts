import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EquityTracker } from '../../src/main/engine/results/equity-tracker.ts';
import { computeStatistics } from '../../src/main/engine/results/statistics.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { getRun } from '../../src/main/services/runs/run-store.ts';
import {
  inMarketMs,
  oosEquityRecorded,
  oosStatistics,
  OosStitchError,
  stitchedOosEquity,
} from '../../src/main/services/sweeps/oos-stitch.ts';
import { openTickSource, readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import type { SweepDetail } from '../../src/shared/sweeps.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { DAY, seededDb, specOf, START, walkForwardSweep, withoutOosRun } from './sweep-fixture.ts';

const tempDir = useTempDir();

/** 2024-01-01..06 with 2d:1d: OOS days Jan 3, 4 and 5, each traded by its window's best. */
const wfSpec = specOf({
  base: { ...specOf().base, from: START, to: START + 5 * DAY },
  walkForward: { inSampleMs: 2 * DAY, outOfSampleMs: DAY },
});

type Row = { time: number; balance: number; equity: number };

/** A run's equity rows straight from the table, not through the module under test. */
function equityRows(db: Db, runId: string): Row[] {
  return db
    .prepare('SELECT time, balance, equity FROM equity WHERE run_id = ? ORDER BY time')
    .all(runId) as Row[];
}

function oosRunIds(detail: SweepDetail): string[] {
  return detail.windows.flatMap((w) => {
    const job = detail.jobs[w.oosJob!]!;
    return job.runId ? [job.runId] : [];
  });
}

/** The stitching rule done by hand: each run's rows plus (previous end − starting balance). */
function handStitched(db: Db, runIds: string[]): Row[] {
  const out: Row[] = [];
  for (const id of runIds) {
    const shift = out.length === 0 ? 0 : out.at(-1)!.equity - 10_000;
    for (const r of equityRows(db, id))
      out.push({ time: r.time, balance: r.balance + shift, equity: r.equity + shift });
  }
  return out;
}

/** One real walk-forward sweep shared by the tests that only read it (nine runs). */
let shared: { dir: string; db: Db; detail: SweepDetail };

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-test-'));
  const db = await seededDb(dir);
  shared = { dir, db, detail: await walkForwardSweep(db, dir, wfSpec) };
}, 60_000);

afterAll(() => {
  shared.db.close();
  fs.rmSync(shared.dir, { recursive: true, force: true });
});

describe('stitched out-of-sample equity', () => {
  it('adds each window’s PnL onto where the previous window ended, in window order', () => {
    const { db, detail } = shared;
    expect(detail.windows.map((w) => w.window)).toEqual([0, 1, 2]);
    const ids = oosRunIds(detail);
    expect(ids).toHaveLength(3);
    const stitched = [...stitchedOosEquity(db, detail)];
    const hand = handStitched(db, ids);
    expect(hand.length).toBeGreaterThan(3 * 200); // M1 samples of three trading days
    expect(stitched.map(({ time, balance, equity }) => ({ time, balance, equity }))).toEqual(hand);
    // Each sample carries its window; windows follow each other in time.
    const windowOf = (t: number) => Math.floor((t - START - 2 * DAY) / DAY);
    for (const s of stitched) expect(s.window).toBe(windowOf(s.time));
    // The rule is not a no-op here: the runs ended away from their starting balance.
    const ends = ids.map((id) => equityRows(db, id).at(-1)!.equity);
    expect(ends.some((e) => e !== 10_000)).toBe(true);
  });

  it('skips a window without an OOS run and continues from the last window stitched', () => {
    const { db } = shared;
    const detail = withoutOosRun(shared.detail, 1);
    const oos1 = detail.jobs[detail.windows[1]!.oosJob!]!;
    expect(oos1).toMatchObject({ status: 'failed', runId: null });
    const ids = oosRunIds(detail);
    expect(ids).toHaveLength(2);
    const stitched = [...stitchedOosEquity(db, detail)];
    expect(new Set(stitched.map((s) => s.window))).toEqual(new Set([0, 2]));
    expect(stitched.map(({ time, balance, equity }) => ({ time, balance, equity }))).toEqual(
      handStitched(db, ids),
    );
  });

  it('gives the statistics of the stitched curve and of all OOS trades', () => {
    const { db, detail } = shared;
    const ids = oosRunIds(detail);
    const stats = oosStatistics(db, detail)!;
    const hand = handStitched(db, ids);
    const runStats = ids.map((id) => getRun(db, id)!.stats!);

    // Trades: all of them, counted and summed across the windows.
    const sum = (k: 'trades' | 'winningTrades' | 'losingTrades' | 'netProfit') =>
      runStats.reduce((n, s) => n + (s[k] ?? 0), 0);
    expect(stats.trades).toBe(sum('trades'));
    expect(stats.trades).toBeGreaterThan(0);
    expect(stats.winningTrades).toBe(sum('winningTrades'));
    expect(stats.losingTrades).toBe(sum('losingTrades'));
    expect(stats.netProfit).toBeCloseTo(sum('netProfit'), 6);
    // Equity: the stitched curve's end, and its drawdown from a peak that crosses windows.
    expect(stats.finalEquity).toBe(hand.at(-1)!.equity);
    expect(stats.finalBalance).toBe(hand.at(-1)!.balance);
    expect(stats.returnPct).toBeCloseTo(((hand.at(-1)!.equity - 10_000) / 10_000) * 100, 9);
    let peak = -Infinity;
    let maxDd = 0;
    for (const r of hand) {
      peak = Math.max(peak, r.equity);
      maxDd = Math.max(maxDd, peak - r.equity);
    }
    expect(stats.maxDrawdown).toBe(maxDd);
    // Sharpe (and the rest) as computeStatistics gives for the hand-stitched curve.
    const tracker = new EquityTracker();
    const exposure = { inMarketMs: 0, firstTime: hand[0]!.time, lastTime: hand.at(-1)!.time };
    const expected = computeStatistics({
      trades: [],
      equity: hand.map((r) => tracker.add(r.time, r.balance, r.equity)),
      startBalance: 10_000,
      exposure,
    });
    expect(stats.sharpe).toBe(expected.sharpe);
    expect(stats.maxDrawdownPct).toBe(expected.maxDrawdownPct);
    // Exposure: the OOS runs' in-market time over the stitched span.
    const tradesOf = (id: string) =>
      db
        .prepare(
          'SELECT entry_time AS entryTime, exit_time AS exitTime FROM trades WHERE run_id = ?',
        )
        .all(id) as never[];
    const inMarket = ids.reduce((n, id) => n + inMarketMs(tradesOf(id)), 0);
    const span = hand.at(-1)!.time - hand[0]!.time;
    expect(stats.exposurePct).toBeCloseTo((inMarket / span) * 100, 9);
    expect(stats.exposurePct).toBeGreaterThan(0);
  });

  it('measures a run’s in-market time from its trades exactly as the run’s exposure clock did', async () => {
    const dir = tempDir();
    const db = await seededDb(dir, 2);
    const detail = await walkForwardSweep(
      db,
      dir,
      specOf({ walkForward: { inSampleMs: DAY, outOfSampleMs: DAY } }),
    );
    const run = getRun(db, detail.jobs[0]!.runId!)!; // IS job on 2024-01-01
    const trades = db
      .prepare('SELECT entry_time AS entryTime, exit_time AS exitTime FROM trades WHERE run_id = ?')
      .all(run.id) as never[];
    // The run's span: its first and last tick in [from, to).
    const src = openTickSource(db, readSymbol(db, 'EURUSD')!);
    let first = NaN;
    let last = NaN;
    for (let b = src.next(); b; b = src.next())
      for (let i = 0; i < b.length; i++) {
        const t = b.ts[i]!;
        if (t < run.config.from! || t >= run.config.to!) continue;
        if (first !== first) first = t;
        last = t;
      }
    expect(trades.length).toBeGreaterThan(1);
    expect((inMarketMs(trades) / (last - first)) * 100).toBeCloseTo(run.stats!.exposurePct!, 9);
  });

  it('counts overlapping trades once (a position closed in parts, two symbols at once)', () => {
    const t = (entryTime: number, exitTime: number) => ({ entryTime, exitTime }) as never;
    expect(inMarketMs([])).toBe(0);
    expect(inMarketMs([t(10, 20), t(10, 30), t(25, 40), t(50, 60)])).toBe(30 + 10);
    expect(inMarketMs([t(50, 60), t(0, 5)])).toBe(15);
  });

  it('has no statistics, and refuses the curve, when an OOS run is deleted or stored no equity', async () => {
    const dir = tempDir();
    const db = await seededDb(dir, 2);
    // One window (IS Jan 1, OOS Jan 2): three short runs per sweep.
    const oneWindow = specOf({ walkForward: { inSampleMs: DAY, outOfSampleMs: DAY } });
    const tradesOnly = await walkForwardSweep(db, dir, {
      ...oneWindow,
      base: { ...oneWindow.base, record: ['trades'] },
    });
    expect(oosStatistics(db, tradesOnly)).toBeNull();
    expect(oosEquityRecorded(db, tradesOnly)).toBe(false);
    expect(() => [...stitchedOosEquity(db, tradesOnly)]).toThrow(/did not record their equity/);

    const full = await walkForwardSweep(db, dir, oneWindow);
    expect(oosEquityRecorded(db, full)).toBe(true);
    expect(oosStatistics(db, full)).not.toBeNull();
    const gone = full.jobs[full.windows[0]!.oosJob!]!.runId!;
    db.prepare('DELETE FROM runs WHERE id = ?').run(gone); // what runs:discard does
    expect(oosStatistics(db, full)).toBeNull();
    expect(() => [...stitchedOosEquity(db, full)]).toThrow(OosStitchError);
    expect(() => [...stitchedOosEquity(db, full)]).toThrow(
      `run ${gone} of out-of-sample job 2 was deleted`,
    );
  });

  it('is null for a plain sweep', () => {
    const db = openDatabase(tempDir());
    const plain = { id: 'sw-x', spec: specOf(), windows: [], jobs: [] } as unknown as SweepDetail;
    expect(oosStatistics(db, plain)).toBeNull();
    expect([...stitchedOosEquity(db, plain)]).toEqual([]);
  });
});
