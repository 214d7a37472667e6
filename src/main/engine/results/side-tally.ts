import type { Trade } from '../portfolio/types.ts';

/**
 * Per-trade sums MT5's report shows beside profit: long and short trades with their winners,
 * holding time, swaps and commissions paid, and trades closed by a stop-out. Each Trade record
 * counts once (a position closed in parts counts once per part, as in TradeTally).
 */
export class SideTally {
  longTrades = 0;
  longWins = 0;
  shortTrades = 0;
  shortWins = 0;
  /** Σ exitTime − entryTime (ms). */
  holdingMs = 0;
  swaps = 0;
  commissions = 0;
  stopOuts = 0;

  add(t: Trade): void {
    const win = t.netPnl > 0 ? 1 : 0;
    if (t.side === 'long') {
      this.longTrades++;
      this.longWins += win;
    } else {
      this.shortTrades++;
      this.shortWins += win;
    }
    this.holdingMs += t.exitTime - t.entryTime;
    this.swaps += t.swap;
    this.commissions += t.commission;
    if (t.exitReason === 'stop-out') this.stopOuts++;
  }

  /** 8 numbers, in the order of the fields. */
  snapshot(): number[] {
    return [
      this.longTrades,
      this.longWins,
      this.shortTrades,
      this.shortWins,
      this.holdingMs,
      this.swaps,
      this.commissions,
      this.stopOuts,
    ];
  }

  restore(v: readonly number[]): void {
    [this.longTrades, this.longWins, this.shortTrades, this.shortWins] = v;
    [this.holdingMs, this.swaps, this.commissions, this.stopOuts] = v.slice(4, 8);
  }
}
