/**
 * Walk-forward: the out-of-sample runs' equity stitched into one curve, and its statistics.
 *
 * Stitching rule (docs/sweeps.md): windows in order; each window's samples are shifted by
 * (stitched equity at the end of the previous window − starting balance), so each window's PnL is
 * added onto where the previous one ended, as if one account had traded every OOS period in turn.
 * Only windows whose OOS job completed take part: a window without an OOS run (no in-sample job
 * qualified), or whose OOS run has not finished, is skipped, and the next one continues from the
 * last window stitched.
 *
 * Memory is bounded: samples stream out of SQLite one window after the other (an OOS run can hold
 * millions). better-sqlite3 refuses a query while an iterator is open, so everything else this
 * module reads (the runs' configs) is read before the first sample is yielded, and the caller must
 * not query the same connection while it iterates.
 */
import type { Trade } from '../../engine/portfolio/types.ts';
import { EquityTracker, type EquitySample } from '../../engine/results/equity-tracker.ts';
import { StatisticsAccumulator } from '../../engine/results/statistics-accumulator.ts';
import type { SweepDetail } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { storedEquity, storedTrades } from '../runs/result-rows.ts';
import { recordsEquity, recordsTrades } from '../runs/run-config.ts';
import { getRun } from '../runs/run-store.ts';

/** One point of the stitched curve: a sample of window `window`'s OOS run, shifted. */
export interface StitchedSample {
  time: number;
  window: number;
  balance: number;
  equity: number;
}

/** Why a stitched curve cannot be made: an OOS run was deleted, or did not store its equity. */
export class OosStitchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OosStitchError';
  }
}

interface OosRun {
  window: number;
  runId: string;
  startBalance: number;
  /** What the run stored (its RunConfig.record): the statistics need both. */
  trades: boolean;
  equity: boolean;
}

/** The completed OOS runs in window order, read before any iteration starts. */
function oosRuns(db: Db, detail: SweepDetail): OosRun[] {
  if (!detail.spec.walkForward) return [];
  const byIndex = new Map(detail.jobs.map((j) => [j.index, j]));
  const runs: OosRun[] = [];
  for (const w of [...detail.windows].sort((a, b) => a.window - b.window)) {
    const job = w.oosJob === null ? undefined : byIndex.get(w.oosJob);
    if (!job || job.status !== 'completed' || job.runId === null) continue;
    const run = getRun(db, job.runId);
    if (!run)
      throw new OosStitchError(
        `sweep ${detail.id}: run ${job.runId} of out-of-sample job ${job.index} was deleted`,
      );
    runs.push({
      window: w.window,
      runId: run.id,
      startBalance: run.config.account.balance,
      trades: recordsTrades(run.config),
      equity: recordsEquity(run.config),
    });
  }
  return runs;
}

/**
 * Whether the stitched curve can be made: every completed OOS run stored its equity (a sweep with
 * `--record trades` did not; like a run's export, its export then has no oos_equity.csv).
 */
export function oosEquityRecorded(db: Db, detail: SweepDetail): boolean {
  return oosRuns(db, detail).every((r) => r.equity);
}

/**
 * The stitched OOS equity curve of a walk-forward sweep, in time order (empty for a plain sweep
 * or before an OOS run completed). Throws OosStitchError when it cannot be made.
 */
export function* stitchedOosEquity(db: Db, detail: SweepDetail): Generator<StitchedSample> {
  const runs = oosRuns(db, detail);
  const without = runs.find((r) => !r.equity);
  if (without)
    throw new OosStitchError(
      `sweep ${detail.id}: its out-of-sample runs did not record their equity (run ${without.runId})`,
    );
  yield* stitch(db, runs);
}

function* stitch(db: Db, runs: readonly OosRun[]): Generator<StitchedSample> {
  let endEquity: number | null = null; // stitched equity at the end of the last window so far
  for (const r of runs) {
    const shift: number = endEquity === null ? 0 : endEquity - r.startBalance;
    for (const s of storedEquity(db, r.runId)) {
      const equity = s.equity + shift;
      endEquity = equity;
      yield { time: s.time, window: r.window, balance: s.balance + shift, equity };
    }
  }
}

/**
 * Statistics of the stitched OOS equity and all OOS trades; null for a plain sweep, before any
 * OOS run completed, or when they cannot be known (an OOS run deleted, or one that did not store
 * its trades and equity) — readSweep shows them, and must not fail for it.
 *
 * The drawdowns and the Sharpe ratio are those of the stitched curve (its running peak crosses
 * windows). Exposure: the OOS runs' in-market time summed (each run's measured from its trades,
 * see inMarketMs) over the stitched curve's span, first to last sample. One run's trades are held
 * at a time (to sort their spans): thousands, where its equity samples are millions.
 *
 * This is computeStatistics (statistics.ts) fed by hand: its accumulator, so the span is known
 * once the one pass over the equity ends instead of needing a second pass first.
 */
export function oosStatistics(db: Db, detail: SweepDetail): Record<string, number | null> | null {
  let runs: OosRun[];
  try {
    runs = oosRuns(db, detail);
  } catch (err) {
    if (err instanceof OosStitchError) return null;
    throw err;
  }
  if (runs.length === 0 || runs.some((r) => !r.trades || !r.equity)) return null;
  const acc = new StatisticsAccumulator(runs[0]!.startBalance);
  let inMarket = 0;
  for (const r of runs) {
    const trades = [...storedTrades(db, r.runId)];
    for (const t of trades) acc.addTrade(t);
    inMarket += inMarketMs(trades);
  }
  const tracker = new EquityTracker();
  let firstTime = NaN;
  let lastTime = NaN;
  for (const s of stitch(db, runs)) {
    const sample: EquitySample = tracker.add(s.time, s.balance, s.equity);
    acc.addEquity(sample);
    if (firstTime !== firstTime) firstTime = s.time;
    lastTime = s.time;
  }
  return { ...acc.finish({ inMarketMs: inMarket, firstTime, lastTime }) };
}

/**
 * A run's time in the market from its trades: the length of the union of [entryTime, exitTime)
 * over its trades. The engine's exposure clock counts exactly the time some position was open,
 * from its opening fill to its closing one, so this is the run's own figure (a position closed in
 * parts gives several trades with one entry: the union counts it once).
 */
export function inMarketMs(trades: readonly Trade[]): number {
  const spans = trades.map((t) => [t.entryTime, t.exitTime] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let from = NaN; // the merged span being measured (NaN: none yet)
  let to = NaN;
  for (const [a, b] of spans) {
    if (a <= to) {
      if (b > to) to = b;
      continue;
    }
    if (to === to) total += to - from;
    from = a;
    to = b;
  }
  return to === to ? total + (to - from) : total;
}
