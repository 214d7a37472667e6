import type { Trade } from '../portfolio/types.ts';

/**
 * Running sums over closed trades (each Trade record counts once, so a position closed in parts
 * counts once per part). A winner has netPnl > 0, a loser netPnl < 0; a trade at exactly 0 is
 * counted in `trades` but is neither.
 */
export class TradeTally {
  trades = 0;
  winners = 0;
  losers = 0;
  netProfit = 0;
  /** Σ netPnl of winners (>= 0). */
  grossProfit = 0;
  /** Σ netPnl of losers (<= 0). */
  grossLoss = 0;
  /** Largest winner's netPnl, NaN when none. */
  largestWin = NaN;
  /** Most negative loser's netPnl, NaN when none. */
  largestLoss = NaN;

  /** The sums as numbers, for a run that keeps its statistics without its trade rows. */
  snapshot(): number[] {
    const { trades, winners, losers, netProfit, grossProfit, grossLoss } = this;
    return [
      trades,
      winners,
      losers,
      netProfit,
      grossProfit,
      grossLoss,
      this.largestWin,
      this.largestLoss,
    ];
  }

  restore(v: readonly number[]): void {
    [this.trades, this.winners, this.losers, this.netProfit, this.grossProfit, this.grossLoss] = v;
    [this.largestWin, this.largestLoss] = v.slice(6);
  }

  add(t: Trade): void {
    const pnl = t.netPnl;
    this.trades++;
    this.netProfit += pnl;
    if (pnl > 0) {
      this.winners++;
      this.grossProfit += pnl;
      if (!(pnl <= this.largestWin)) this.largestWin = pnl;
    } else if (pnl < 0) {
      this.losers++;
      this.grossLoss += pnl;
      if (!(pnl >= this.largestLoss)) this.largestLoss = pnl;
    }
  }
}
