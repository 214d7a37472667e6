/**
 * A sweep's objective: the one number jobs are ranked by, and the choice of the best job. Pure,
 * and shared, so the runner (choosing a walk-forward window's parameters), the export and the
 * app's table and heatmap agree.
 *
 * Statistics are null where undefined (statistics.ts). Two of them are undefined exactly when
 * they would be infinite — a profit factor without a losing trade, a return over a zero drawdown
 * — and a trader ranks such a job first, not last: the rank treats them as +Infinity while the
 * value shown stays null (JSON has no Infinity).
 */
import type { SweepObjective } from './sweeps.ts';

type Stats = Record<string, number | null>;

/** Whether a larger value is better; only max-drawdown-pct is minimised. */
export function maximises(objective: SweepObjective): boolean {
  return objective !== 'max-drawdown-pct';
}

/** The objective's value as shown and exported; null when undefined or infinite. */
export function objectiveValue(stats: Stats | null, objective: SweepObjective): number | null {
  const v = rankValue(stats, objective);
  return v !== null && Number.isFinite(v) ? v : null;
}

/** The value jobs are ranked by: like objectiveValue, but an infinite ratio counts as Infinity. */
export function rankValue(stats: Stats | null, objective: SweepObjective): number | null {
  if (!stats) return null;
  switch (objective) {
    case 'net-profit':
      return stats.netProfit ?? null;
    case 'sharpe':
      return stats.sharpe ?? null;
    case 'max-drawdown-pct':
      return stats.maxDrawdownPct ?? null;
    case 'profit-factor':
      if (stats.profitFactor !== null && stats.profitFactor !== undefined)
        return stats.profitFactor;
      return (stats.grossProfit ?? 0) > 0 ? Infinity : null;
    case 'return-over-drawdown': {
      const ret = stats.returnPct;
      const dd = stats.maxDrawdownPct;
      if (ret === null || ret === undefined || dd === null || dd === undefined) return null;
      if (dd > 0) return ret / dd;
      return ret > 0 ? Infinity : null;
    }
  }
}

export interface RankedJob {
  index: number;
  status: string;
  stats: Stats | null;
}

/**
 * The best completed job: the best rank value among jobs with at least `minTrades` trades; a tie
 * goes to the lowest index, so the choice is the same on every run and after any resume. null
 * when no job qualifies.
 */
export function bestJob(
  jobs: readonly RankedJob[],
  objective: SweepObjective,
  minTrades: number,
): number | null {
  const sign = maximises(objective) ? 1 : -1;
  let best: { index: number; score: number } | null = null;
  for (const job of jobs) {
    if (job.status !== 'completed' || !job.stats) continue;
    if ((job.stats.trades ?? 0) < minTrades) continue;
    const v = rankValue(job.stats, objective);
    if (v === null || Number.isNaN(v)) continue;
    const score = sign * v;
    if (!best || score > best.score || (score === best.score && job.index < best.index))
      best = { index: job.index, score };
  }
  return best?.index ?? null;
}
