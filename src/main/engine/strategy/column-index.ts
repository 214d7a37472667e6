import { canonicalSpec } from '../indicators/index.ts';
import { IndicatorSet } from '../mtf/indicator-set.ts';

/**
 * Resolves what a strategy names — a spec ('ema(20)', 'EMA( 20 )') for a single-output
 * indicator, or an export column ('bbands_20_2_upper') — to the output's offset in a
 * (symbol, timeframe)'s indicator values. Built once per run; lookups are cached by string.
 */
export class ColumnIndex {
  readonly #offsets = new Map<string, number>();
  readonly #known: string[];

  constructor(set: IndicatorSet) {
    let offset = 0;
    for (const ind of set.indicators) {
      if (ind.columns.length === 1) this.#offsets.set(ind.spec, offset);
      ind.columns.forEach((c, k) => this.#offsets.set(c, offset + k));
      offset += ind.columns.length;
    }
    this.#known = [...this.#offsets.keys()];
  }

  offsetOf(column: string): number {
    let o = this.#offsets.get(column);
    if (o !== undefined) return o;
    try {
      o = this.#offsets.get(canonicalSpec(column));
    } catch {
      o = undefined;
    }
    if (o === undefined) {
      throw new Error(
        `indicator '${column}' is not computed in this run; computed: ${this.#known.join(', ') || 'none'} ` +
          `(declare it in the strategy's requires())`,
      );
    }
    this.#offsets.set(column, o);
    return o;
  }
}
