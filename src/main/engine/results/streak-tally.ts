/**
 * MT5's "maximal consecutive wins / losses": the longest run of winners (netPnl > 0) and of
 * losers (netPnl < 0) among trades in closing order, by count, with that run's money (Σ netPnl).
 *
 * - A trade at exactly 0 is neither a winner nor a loser, so it ends both runs (MT5 counts such
 *   a trade as neither too; counting it into a run would let a flat trade join two losing runs).
 * - On a tie of counts the first longest run is kept: a later run must be strictly longer to
 *   replace it, so the money shown is that of the run that set the record first.
 */
export class StreakTally {
  #winCount = 0;
  #winMoney = 0;
  #lossCount = 0;
  #lossMoney = 0;
  maxWins = 0;
  maxWinsMoney = 0;
  maxLosses = 0;
  maxLossesMoney = 0;

  add(netPnl: number): void {
    if (netPnl > 0) {
      this.#winCount++;
      this.#winMoney += netPnl;
      this.#lossCount = 0;
      this.#lossMoney = 0;
      if (this.#winCount > this.maxWins) {
        this.maxWins = this.#winCount;
        this.maxWinsMoney = this.#winMoney;
      }
    } else if (netPnl < 0) {
      this.#lossCount++;
      this.#lossMoney += netPnl;
      this.#winCount = 0;
      this.#winMoney = 0;
      if (this.#lossCount > this.maxLosses) {
        this.maxLosses = this.#lossCount;
        this.maxLossesMoney = this.#lossMoney;
      }
    } else {
      this.#winCount = this.#lossCount = 0;
      this.#winMoney = this.#lossMoney = 0;
    }
  }

  /** 8 numbers: the runs in progress, then the records. */
  snapshot(): number[] {
    return [
      this.#winCount,
      this.#winMoney,
      this.#lossCount,
      this.#lossMoney,
      this.maxWins,
      this.maxWinsMoney,
      this.maxLosses,
      this.maxLossesMoney,
    ];
  }

  restore(v: readonly number[]): void {
    [this.#winCount, this.#winMoney, this.#lossCount, this.#lossMoney] = v;
    [this.maxWins, this.maxWinsMoney, this.maxLosses, this.maxLossesMoney] = v.slice(4, 8);
  }
}
