import type { Trade } from '../portfolio/types.ts';
import { DailySharpe } from './daily-sharpe.ts';
import type { EquitySample } from './equity-tracker.ts';
import { MonthlyReturns } from './monthly-returns.ts';
import { SideTally } from './side-tally.ts';
import type { MonthlyReturn, Statistics } from './statistics.ts';
import { StreakTally } from './streak-tally.ts';
import { TradeTally } from './trade-tally.ts';

/**
 * Numbers in a snapshot written by versions before issue 12: trade tally (8), daily Sharpe (7),
 * final balance/equity, max drawdowns. The run_tallies rows of runs they started hold these.
 */
export const ACCUMULATOR_VALUES_V1 = 19;

/**
 * Fixed numbers in a snapshot now: the 19 above, streaks (8), sides and costs (8), the lowest
 * margin level (NaN: none yet), refused orders. The monthly returns follow as a variable-length
 * tail (MonthlyReturns.snapshot: base, month count, then two numbers per month).
 */
export const ACCUMULATOR_VALUES = ACCUMULATOR_VALUES_V1 + 18;

/**
 * The statistics of computeStatistics, accumulated one trade and one equity sample at a time.
 * computeStatistics is this class fed from stored rows; a run that does not store its trades or
 * equity feeds it live instead and keeps its snapshot (plain numbers, NaN included) with its
 * committed output, so a resumed run ends with the same statistics, bit for bit.
 */
export class StatisticsAccumulator {
  readonly #startBalance: number;
  readonly #tally = new TradeTally();
  readonly #streaks = new StreakTally();
  readonly #sides = new SideTally();
  readonly #sharpe: DailySharpe;
  readonly #months: MonthlyReturns;
  #finalBalance: number;
  #finalEquity: number;
  #maxDrawdown = 0;
  #maxDrawdownPct = 0;
  #minMarginLevel = NaN;
  #rejections = 0;

  constructor(startBalance: number) {
    this.#startBalance = startBalance;
    this.#sharpe = new DailySharpe(startBalance);
    this.#months = new MonthlyReturns(startBalance);
    this.#finalBalance = startBalance;
    this.#finalEquity = startBalance;
  }

  /** Trades must come in closing order (the streaks depend on it). */
  addTrade(t: Trade): void {
    this.#tally.add(t);
    this.#streaks.add(t.netPnl);
    this.#sides.add(t);
  }

  /** Samples must come in time order. */
  addEquity(s: EquitySample): void {
    this.#sharpe.add(s.time, s.equity);
    this.#months.add(s.time, s.equity);
    this.#finalBalance = s.balance;
    this.#finalEquity = s.equity;
    if (s.drawdown > this.#maxDrawdown) this.#maxDrawdown = s.drawdown;
    if (s.drawdownPct > this.#maxDrawdownPct) this.#maxDrawdownPct = s.drawdownPct;
    const level = s.marginLevel;
    if (level !== null && !(level >= this.#minMarginLevel)) this.#minMarginLevel = level;
  }

  /** An order refused for want of free margin. */
  addRejection(count = 1): void {
    this.#rejections += count;
  }

  snapshot(): Float64Array {
    return Float64Array.from([
      ...this.#tally.snapshot(),
      ...this.#sharpe.snapshot(),
      this.#finalBalance,
      this.#finalEquity,
      this.#maxDrawdown,
      this.#maxDrawdownPct,
      ...this.#streaks.snapshot(),
      ...this.#sides.snapshot(),
      this.#minMarginLevel,
      this.#rejections,
      ...this.#months.snapshot(),
    ]);
  }

  /**
   * Restores a snapshot of this version, or one of the 19 values older versions wrote (a run
   * they started and this version resumes): its new statistics then start at their neutral
   * values (no streak, no long/short split, no swaps, no margin), so they count only what the
   * run does from here on, and its monthly table starts from the restored equity.
   */
  restore(v: Float64Array): void {
    const a = [...v];
    const old = a.length === ACCUMULATOR_VALUES_V1;
    if (!old && a.length < ACCUMULATOR_VALUES + 2)
      throw new RangeError(
        `a statistics snapshot has ${ACCUMULATOR_VALUES_V1} or at least ${ACCUMULATOR_VALUES + 2} values, not ${a.length}`,
      );
    this.#tally.restore(a.slice(0, 8));
    this.#sharpe.restore(a.slice(8, 15));
    [this.#finalBalance, this.#finalEquity, this.#maxDrawdown, this.#maxDrawdownPct] = a.slice(15);
    if (old) {
      this.#streaks.restore([0, 0, 0, 0, 0, 0, 0, 0]);
      this.#sides.restore([0, 0, 0, 0, 0, 0, 0, 0]);
      this.#minMarginLevel = NaN;
      this.#rejections = 0;
      this.#months.restart(this.#finalEquity);
      return;
    }
    this.#streaks.restore(a.slice(19, 27));
    this.#sides.restore(a.slice(27, 35));
    [this.#minMarginLevel, this.#rejections] = a.slice(35, 37);
    const used = this.#months.restore(a.slice(ACCUMULATOR_VALUES));
    if (ACCUMULATOR_VALUES + used !== a.length)
      throw new RangeError(
        `a statistics snapshot has ${a.length - ACCUMULATOR_VALUES - used} values too many`,
      );
  }

  /** A copy in the same state, for statistics "to date" that must not close the live one's day. */
  clone(): StatisticsAccumulator {
    const copy = new StatisticsAccumulator(this.#startBalance);
    copy.restore(this.snapshot());
    return copy;
  }

  /** The monthly returns table so far (does not change the state). */
  monthly(): MonthlyReturn[] {
    return this.#months.result();
  }

  /** The statistics; closes the last day of the Sharpe ratio, so call it once, at the end. */
  finish(exposure: { inMarketMs: number; firstTime: number; lastTime: number }): Statistics {
    const t = this.#tally;
    const k = this.#streaks;
    const s = this.#sides;
    const startBalance = this.#startBalance;
    const finalEquity = this.#finalEquity;
    const span = exposure.lastTime - exposure.firstTime;
    const held = s.longTrades + s.shortTrades;
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
      recoveryFactor: this.#maxDrawdown > 0 ? t.netProfit / this.#maxDrawdown : null,
      expectedPayoff: t.trades > 0 ? t.netProfit / t.trades : null,
      maxConsecutiveWins: k.maxWins,
      maxConsecutiveWinsMoney: k.maxWinsMoney,
      maxConsecutiveLosses: k.maxLosses,
      maxConsecutiveLossesMoney: k.maxLossesMoney,
      longTrades: s.longTrades,
      longWinRate: s.longTrades > 0 ? (s.longWins / s.longTrades) * 100 : null,
      shortTrades: s.shortTrades,
      shortWinRate: s.shortTrades > 0 ? (s.shortWins / s.shortTrades) * 100 : null,
      // Over the trades SideTally saw (all of them, unless restored from an old snapshot).
      averageHoldingMs: held > 0 ? s.holdingMs / held : null,
      totalSwaps: s.swaps,
      totalCommissions: s.commissions,
      minMarginLevel: this.#minMarginLevel === this.#minMarginLevel ? this.#minMarginLevel : null,
      stopOuts: s.stopOuts,
      rejectedOrders: this.#rejections,
    };
  }
}
