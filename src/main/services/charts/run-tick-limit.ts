/**
 * How far into its ticks a run has got, as a time: a chart rebuilt from ticks must not show bars
 * the run has not reached (a running or paused run). A run counts the ticks it consumed over all
 * its symbols (ticksDone); the ticks of every symbol are merged by time, so the limit is the
 * latest T with (ticks of all symbols before T) <= ticksDone, found by bisection on chunk
 * metadata (countTicks decodes at most two chunks per symbol per probe).
 */
import type { Db } from '../db/database.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { countTicks, type SymbolInfo } from '../ticks/tick-store.ts';

export interface TickLimit {
  /** Feed the ticks with ts < to. */
  to: number;
  /** The run consumed all its ticks and completed: its last open bars were closed. */
  finished: boolean;
}

export function runTickLimit(db: Db, run: RunRecord, symbols: SymbolInfo[]): TickLimit {
  const end = run.config.to ?? Infinity;
  if (run.ticksDone >= run.ticksTotal) return { to: end, finished: run.status === 'completed' };
  const from = run.config.from ?? undefined;
  const before = (t: number): number =>
    symbols.reduce((n, s) => n + countTicks(db, s, { from, to: t }), 0);
  let lo = Math.min(...symbols.map((s) => s.firstTs)); // before(lo) = 0 <= ticksDone
  let hi = Math.min(end, Math.max(...symbols.map((s) => s.lastTs)) + 1); // before(hi) = total > done
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (before(mid) <= run.ticksDone) lo = mid;
    else hi = mid;
  }
  return { to: lo, finished: false };
}
