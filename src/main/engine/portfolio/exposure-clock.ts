export interface ExposureState {
  inMarketMs: number;
  firstTime: number;
  lastTime: number;
}

/**
 * Time-in-market for the 'exposure' statistic. Between two consecutive ticks (of any symbol) the
 * interval counts as in the market when at least one position was open after the earlier tick;
 * so a position opened by a fill at t counts from t, one closed at t counts until t. firstTime /
 * lastTime are the first and last times seen (ticks, and closeAll's time). Times going backwards
 * add nothing.
 */
export class ExposureClock implements ExposureState {
  inMarketMs = 0;
  firstTime = NaN;
  lastTime = NaN;

  /** Called with the time of each tick before it is processed; `inMarket` = positions open now. */
  advance(time: number, inMarket: boolean): void {
    if (time > this.lastTime) {
      if (inMarket) this.inMarketMs += time - this.lastTime;
      this.lastTime = time;
    } else if (this.lastTime !== this.lastTime) {
      this.firstTime = time;
      this.lastTime = time;
    }
  }

  snapshot(): ExposureState {
    const { inMarketMs, firstTime, lastTime } = this;
    return { inMarketMs, firstTime, lastTime };
  }

  restore(s: ExposureState): void {
    this.inMarketMs = s.inMarketMs;
    this.firstTime = s.firstTime;
    this.lastTime = s.lastTime;
  }
}
