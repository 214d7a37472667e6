/** `runs:results`: a run's statistics, its trades and its equity curve sized for a chart. */
import type { EquityPoint, RunResults, TradeDto } from '../../../shared/dto.ts';
import type { Db } from '../db/database.ts';
import { storedEquity, storedTrades } from '../runs/result-rows.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { toReportDto } from './dto-map.ts';
import { EquityDownsampler } from './equity-downsample.ts';

export const DEFAULT_MAX_POINTS = 2000;

export function runResults(db: Db, run: RunRecord, maxPoints = DEFAULT_MAX_POINTS): RunResults {
  return {
    stats: run.stats,
    report: toReportDto(run.report),
    equity: equityCurve(db, run.id, maxPoints),
    trades: [...storedTrades(db, run.id)] as TradeDto[],
    rejections: [],
  };
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
  const rows = storedEquity(db, runId);
  for (const p of rows) sampler.add(p);
  return sampler.result();
}
