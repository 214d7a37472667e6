/** `runs:results`: a run's statistics, its trades and its equity curve sized for a chart. */
import type { EquityPoint, RunResults, TradeDto } from '../../../shared/dto.ts';
import type { Db } from '../db/database.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { EquityDownsampler } from './equity-downsample.ts';

export const DEFAULT_MAX_POINTS = 2000;

export function runResults(db: Db, run: RunRecord, maxPoints = DEFAULT_MAX_POINTS): RunResults {
  return {
    stats: run.stats,
    equity: equityCurve(db, run.id, maxPoints),
    trades: trades(db, run.id),
  };
}

/** Trades in the order they closed. */
function trades(db: Db, runId: string): TradeDto[] {
  return db
    .prepare(
      `SELECT trade_id AS id, symbol, side, size, entry_time AS entryTime, entry_price AS entryPrice,
         exit_time AS exitTime, exit_price AS exitPrice, exit_reason AS exitReason,
         gross_pnl AS grossPnl, commission, net_pnl AS netPnl
       FROM trades WHERE run_id = ? ORDER BY seq`,
    )
    .all(runId) as TradeDto[];
}

/** Streamed from SQLite through the downsampler: a long curve is never held in memory whole. */
function equityCurve(db: Db, runId: string, maxPoints: number): EquityPoint[] {
  const range = db
    .prepare(
      'SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS count FROM equity WHERE run_id = ?',
    )
    .get(runId) as { first: number | null; last: number | null; count: number };
  if (range.count === 0 || range.first === null || range.last === null) return [];
  const sampler = new EquityDownsampler(
    { first: range.first, last: range.last, count: range.count },
    maxPoints,
  );
  const rows = db
    .prepare(
      `SELECT time, balance, equity, drawdown, drawdown_pct AS drawdownPct
       FROM equity WHERE run_id = ? ORDER BY time`,
    )
    .iterate(runId) as Iterable<EquityPoint>;
  for (const p of rows) sampler.add(p);
  return sampler.result();
}
