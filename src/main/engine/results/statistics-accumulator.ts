import type { Trade } from '../portfolio/types.ts';
import { DailySharpe } from './daily-sharpe.ts';
import type { EquitySample } from './equity-tracker.ts';
import type { Statistics } from './statistics.ts';
import { TradeTally } from './trade-tally.ts';

/** Numbers in a snapshot: trade tally (8), daily Sharpe (7), final balance/equity, max drawdowns. */
export const ACCUMULATOR_VALUES = 19;

/**
 * The statistics of computeStatistics, accumulated one trade and one equity sample at a time.
 * computeStatistics is this class fed from stored rows; a run that does not store its trades or
 * equity feeds it live instead and keeps its snapshot (plain numbers, NaN included) with its
 * committed output, so a resumed run ends with the same statistics, bit for bit.
 */
export class StatisticsAccumulator {
  readonly #startBalance: number;
  readonly #tally = new TradeTally();
  readonly #sharpe: DailySharpe;
  #finalBalance: number;
  #finalEquity: number;
  #maxDrawdown = 0;
  #maxDrawdownPct = 0;

  constructor(startBalance: number) {
    this.#startBalance = startBalance;
    this.#sharpe = new DailySharpe(startBalance);
    this.#finalBalance = startBalance;
    this.#finalEquity = startBalance;
  }

  addTrade(t: Trade): void {
    this.#tally.add(t);
  }

  /** Samples must come in time order. */
  addEquity(s: EquitySample): void {
    this.#sharpe.add(s.time, s.equity);
    this.#finalBalance = s.balance;
    this.#finalEquity = s.equity;
    if (s.drawdown > this.#maxDrawdown) this.#maxDrawdown = s.drawdown;
    if (s.drawdownPct > this.#maxDrawdownPct) this.#maxDrawdownPct = s.drawdownPct;
  }

  snapshot(): Float64Array {
    return Float64Array.from([
      ...this.#tally.snapshot(),
      ...this.#sharpe.snapshot(),
      this.#finalBalance,
      this.#finalEquity,
      this.#maxDrawdown,
      this.#maxDrawdownPct,
    ]);
  }

  restore(v: Float64Array): void {
    if (v.length !== ACCUMULATOR_VALUES)
      throw new RangeError(
        `a statistics snapshot has ${ACCUMULATOR_VALUES} values, not ${v.length}`,
      );
    const a = [...v];
    this.#tally.restore(a.slice(0, 8));
    this.#sharpe.restore(a.slice(8, 15));
    [this.#finalBalance, this.#finalEquity, this.#maxDrawdown, this.#maxDrawdownPct] = a.slice(15);
  }

  /** The statistics; closes the last day of the Sharpe ratio, so call it once, at the end. */
  finish(exposure: { inMarketMs: number; firstTime: number; lastTime: number }): Statistics {
    const t = this.#tally;
    const startBalance = this.#startBalance;
    const finalEquity = this.#finalEquity;
    const span = exposure.lastTime - exposure.firstTime;
    return {
      startBalance,
      finalBalance: this.#finalBalance,
      finalEquity,
      returnPct: startBalance > 0 ? ((finalEquity - startBalance) / startBalance) * 100 : null,
      netProfit: t.netProfit,
      grossProfit: t.grossProfit,
      grossLoss: t.grossLoss,
      profitFactor: t.losers > 0 ? t.grossProfit / -t.grossLoss : null,
      maxDrawdown: this.#maxDrawdown,
      maxDrawdownPct: this.#maxDrawdownPct,
      sharpe: this.#sharpe.finish(),
      trades: t.trades,
      winningTrades: t.winners,
      losingTrades: t.losers,
      winRate: t.trades > 0 ? (t.winners / t.trades) * 100 : null,
      averageTrade: t.trades > 0 ? t.netProfit / t.trades : null,
      averageWin: t.winners > 0 ? t.grossProfit / t.winners : null,
      averageLoss: t.losers > 0 ? t.grossLoss / t.losers : null,
      largestWin: t.winners > 0 ? t.largestWin : null,
      largestLoss: t.losers > 0 ? t.largestLoss : null,
      exposurePct: span > 0 ? (exposure.inMarketMs / span) * 100 : null,
      // Issue 12 (statistics helper) computes these; placeholders until then.
      recoveryFactor: null,
      expectedPayoff: t.trades > 0 ? t.netProfit / t.trades : null,
      maxConsecutiveWins: 0,
      maxConsecutiveWinsMoney: 0,
      maxConsecutiveLosses: 0,
      maxConsecutiveLossesMoney: 0,
      longTrades: 0,
      longWinRate: null,
      shortTrades: 0,
      shortWinRate: null,
      averageHoldingMs: null,
      totalSwaps: 0,
      totalCommissions: 0,
      minMarginLevel: null,
      stopOuts: 0,
      rejectedOrders: 0,
    };
  }
}
