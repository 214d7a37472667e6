import { createIndicator, type Indicator, type IndicatorBar } from '../indicators/index.ts';

/**
 * The indicators of one (symbol, timeframe), updated together on each bar close. Their outputs
 * sit side by side in one Float64Array (`values`) in the order of `columns`.
 */
export class IndicatorSet {
  readonly indicators: Indicator[];
  readonly columns: string[];
  readonly values: Float64Array;
  readonly #offsets: number[];

  constructor(specs: readonly string[]) {
    this.indicators = specs.map((s) => createIndicator(s));
    this.columns = this.indicators.flatMap((i) => [...i.columns]);
    this.values = new Float64Array(this.columns.length).fill(NaN);
    this.#offsets = [];
    let offset = 0;
    for (const ind of this.indicators) {
      this.#offsets.push(offset);
      offset += ind.columns.length;
    }
  }

  update(bar: IndicatorBar): void {
    for (let k = 0; k < this.indicators.length; k++) {
      this.indicators[k].update(bar);
      this.indicators[k].read(this.values, this.#offsets[k]);
    }
  }

  /** Values as if `bar` closed now, written into `out`; no indicator state changes. */
  preview(bar: IndicatorBar, out: Float64Array): void {
    for (let k = 0; k < this.indicators.length; k++) {
      this.indicators[k].preview(bar, out, this.#offsets[k]);
    }
  }

  snapshot(): unknown[] {
    return this.indicators.map((i) => i.snapshot());
  }

  restore(states: unknown[]): void {
    if (states.length !== this.indicators.length)
      throw new Error('indicator count mismatch in snapshot');
    this.indicators.forEach((ind, k) => {
      ind.restore(states[k] as ReturnType<Indicator['snapshot']>);
      ind.read(this.values, this.#offsets[k]);
    });
  }
}
