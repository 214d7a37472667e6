/**
 * Summary statistics of a finished run, in one pass over its trades and equity curve (both may
 * be iterators over millions of items; nothing is held).
 *
 * Money is in the account currency, percentages in percent. A statistic that is undefined for
 * the run (no trades, no losing trade, a zero-length span…) is null, never NaN or Infinity, so
 * the result survives JSON unchanged.
 */
import type { Trade } from '../portfolio/types.ts';
import type { EquitySample } from './equity-tracker.ts';
import { StatisticsAccumulator } from './statistics-accumulator.ts';

export interface StatisticsInput {
  /** Closed trades in closing order (the consecutive wins/losses depend on it). */
  trades: Iterable<Trade>;
  /** Equity curve in time order. */
  equity: Iterable<EquitySample>;
  startBalance: number;
  exposure: { inMarketMs: number; firstTime: number; lastTime: number };
  /** Orders refused for want of free margin (counted, not iterated: only their number matters). */
  rejections?: number;
}

export interface Statistics {
  startBalance: number;
  /** Balance of the last equity sample (startBalance without samples). */
  finalBalance: number;
  /** Equity of the last equity sample (startBalance without samples). */
  finalEquity: number;
  /** (finalEquity − startBalance) / startBalance × 100; null when startBalance <= 0. */
  returnPct: number | null;
  /**
   * Σ netPnl of all trades. Equals finalBalance − startBalance (up to float rounding) when every
   * position was closed before the last sample, as Portfolio.closeAll does.
   */
  netProfit: number;
  /** TradeStation / MetaTrader convention: Σ netPnl of the trades with netPnl > 0. */
  grossProfit: number;
  /** Σ netPnl of the trades with netPnl < 0: a negative number (or 0). */
  grossLoss: number;
  /** grossProfit / |grossLoss|; null without a losing trade (∞ if grossProfit > 0, else 0/0). */
  profitFactor: number | null;
  /** Largest peak-to-trough drop of equity over the samples (money, >= 0). */
  maxDrawdown: number;
  /** Largest drawdownPct over the samples (not necessarily at the same sample as maxDrawdown). */
  maxDrawdownPct: number;
  /** Annualised Sharpe ratio of daily returns; see daily-sharpe.ts. */
  sharpe: number | null;
  trades: number;
  /** Trades with netPnl > 0. */
  winningTrades: number;
  /** Trades with netPnl < 0 (a trade at exactly 0 is neither). */
  losingTrades: number;
  /** winningTrades / trades × 100; null without trades. */
  winRate: number | null;
  /** netProfit / trades; null without trades. */
  averageTrade: number | null;
  /** grossProfit / winningTrades; null without winners. */
  averageWin: number | null;
  /** grossLoss / losingTrades (negative); null without losers. */
  averageLoss: number | null;
  /** Largest netPnl of a winner; null without winners. */
  largestWin: number | null;
  /** Most negative netPnl of a loser; null without losers. */
  largestLoss: number | null;
  /** inMarketMs / (lastTime − firstTime) × 100; null when the span is not > 0. */
  exposurePct: number | null;
  // ---- issue 12: the rest of MT5's tester report ----
  /** netProfit / maxDrawdown; null when maxDrawdown is 0. */
  recoveryFactor: number | null;
  /** MT5's expected payoff: netProfit / trades (the same as averageTrade); null without trades. */
  expectedPayoff: number | null;
  /** Longest run of winners in closing order (count) and the net profit of that run. */
  maxConsecutiveWins: number;
  maxConsecutiveWinsMoney: number;
  /** Longest run of losers (count) and its net loss (<= 0). */
  maxConsecutiveLosses: number;
  maxConsecutiveLossesMoney: number;
  longTrades: number;
  /** Winners among long trades × 100 / longTrades; null without long trades. */
  longWinRate: number | null;
  shortTrades: number;
  shortWinRate: number | null;
  /** Mean of exitTime − entryTime over trades (ms); null without trades. */
  averageHoldingMs: number | null;
  /** Σ swap over trades (negative = paid) and Σ commission (>= 0), account currency. */
  totalSwaps: number;
  totalCommissions: number;
  /** Lowest margin level (percent) of any equity sample; null when no margin was ever used. */
  minMarginLevel: number | null;
  /** Trade records closed by a stop-out, and orders refused for want of free margin. */
  stopOuts: number;
  rejectedOrders: number;
}

/** One calendar month (UTC) of the monthly returns table. */
export interface MonthlyReturn {
  /** 'YYYY-MM'. */
  month: string;
  /** Equity at the month's last sample minus equity at the previous month's last (or start). */
  profit: number;
  /** profit / that previous equity × 100; null when the previous equity is <= 0. */
  returnPct: number | null;
}

/**
 * What a report shows beside the scalar statistics (stored with the run as JSON, runs.report).
 */
export interface RunReport {
  monthly: MonthlyReturn[];
  /** Plain sentences, e.g. why a strategy made no trade. */
  warnings: string[];
  /** The statistics are of a run that has not finished (paused, stopped, failed): to date. */
  toDate: boolean;
}

export function computeStatistics(input: StatisticsInput): Statistics {
  return computeResults(input).stats;
}

/** computeStatistics and the monthly returns table, from the same single pass. */
export function computeResults(input: StatisticsInput): {
  stats: Statistics;
  monthly: MonthlyReturn[];
} {
  const acc = new StatisticsAccumulator(input.startBalance);
  for (const trade of input.trades) acc.addTrade(trade);
  for (const sample of input.equity) acc.addEquity(sample);
  if (input.rejections) acc.addRejection(input.rejections);
  return { stats: acc.finish(input.exposure), monthly: acc.monthly() };
}
