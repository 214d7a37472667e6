/**
 * `runs:results`: a run's statistics, its trades, the orders it had refused and its equity curve
 * sized for a chart.
 */
import type { EquityPoint, RejectionDto, RunResults, TradeDto } from '../../../shared/dto.ts';
import type { Db } from '../db/database.ts';
import { lotsIn } from '../runs/lots.ts';
import { newestRejections, storedEquity, storedTrades } from '../runs/result-rows.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { toReportDto } from './dto-map.ts';
import { EquityDownsampler } from './equity-downsample.ts';

export const DEFAULT_MAX_POINTS = 2000;

/**
 * At most this many refused orders go to the app: the newest (how the run ended). A strategy
 * that retries a refused order on every tick leaves millions; the count is in the statistics
 * and the export has them all.
 */
export const MAX_REJECTIONS = 10_000;

export function runResults(db: Db, run: RunRecord, maxPoints = DEFAULT_MAX_POINTS): RunResults {
  return {
    stats: run.stats,
    report: toReportDto(run.report),
    equity: equityCurve(db, run.id, maxPoints),
    ...tradeResults(db, run),
  };
}

/** The trades and (the newest MAX_REJECTIONS) refused orders, sizes also in lots. */
export function tradeResults(db: Db, run: RunRecord): Pick<RunResults, 'trades' | 'rejections'> {
  const lots = lotsIn(run.config);
  return {
    trades: [...storedTrades(db, run.id)].map((t): TradeDto => ({
      ...t,
      lots: lots(t.symbol, t.size),
    })),
    rejections: newestRejections(db, run.id, MAX_REJECTIONS).map((r): RejectionDto => ({
      ...r,
      lots: lots(r.symbol, r.size),
    })),
  };
}

/** Streamed from SQLite through the downsampler: a long curve is never held in memory whole. */
function equityCurve(db: Db, runId: string, maxPoints: number): EquityPoint[] {
  const range = db
    .prepare(
      `SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS count,
         COUNT(margin_level) AS margins
       FROM equity WHERE run_id = ?`,
    )
    .get(runId) as { first: number | null; last: number | null; count: number; margins: number };
  if (range.count === 0 || range.first === null || range.last === null) return [];
  const sampler = new EquityDownsampler(
    { first: range.first, last: range.last, count: range.count, margins: range.margins > 0 },
    maxPoints,
  );
  const rows = storedEquity(db, runId);
  for (const p of rows) sampler.add(p);
  return sampler.result();
}
