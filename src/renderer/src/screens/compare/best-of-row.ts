/**
 * Which run is best at a statistic, for the comparison's marks. Pure: a row of values in, the
 * columns that win out. A statistic that is a matter of taste (trades, exposure, start balance)
 * has no best.
 */

type Stats = Record<string, number | null>;

/** +1: larger is better; -1: smaller is better. Losses are negative, so larger is better too. */
const DIRECTION: Record<string, 1 | -1> = {
  netProfit: 1,
  grossProfit: 1,
  grossLoss: 1,
  profitFactor: 1,
  maxDrawdown: -1,
  maxDrawdownPct: -1,
  sharpe: 1,
  winRate: 1,
  averageTrade: 1,
  returnPct: 1,
  finalEquity: 1,
  averageWin: 1,
  averageLoss: 1,
  largestWin: 1,
  largestLoss: 1,
  expectedPayoff: 1,
  recoveryFactor: 1,
  // A higher lowest margin level was further from a stop-out.
  minMarginLevel: 1,
  totalCommissions: -1,
  totalSwaps: 1,
  stopOuts: -1,
  rejectedOrders: -1,
  maxConsecutiveLosses: -1,
};

/**
 * A statistic's value for ranking: as stored, except a profit factor without a losing trade,
 * which is null in the stats but infinite (and best) when there was some profit.
 */
function rankOf(key: string, stats: Stats | null): number | null {
  if (!stats) return null;
  const x = stats[key];
  if (key === 'profitFactor' && (x === null || x === undefined))
    return (stats.grossProfit ?? 0) > 0 ? Infinity : null;
  return x === null || x === undefined || Number.isNaN(x) ? null : x;
}

/**
 * The columns holding the best value of `key` (all of them on a tie). None when the statistic
 * has no direction, when fewer than two runs have a value, or when every value is the same
 * (nothing to choose between).
 */
export function bestColumns(key: string, columns: readonly (Stats | null)[]): number[] {
  const dir = DIRECTION[key];
  if (!dir) return [];
  const values = columns.map((s) => rankOf(key, s));
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return [];
  const best = dir > 0 ? Math.max(...present) : Math.min(...present);
  if (present.every((v) => v === best)) return [];
  return values.flatMap((v, i) => (v === best ? [i] : []));
}
