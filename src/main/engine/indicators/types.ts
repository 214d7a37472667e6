/**
 * Public types of the incremental indicator library (see index.ts for the API overview).
 */

/** One closed (or, for preview, partial) bar. `time` is the bucket start in ms UTC. */
export interface IndicatorBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Plain data allowed in snapshots: survives structuredClone and the persist plain-codec. */
export type PlainValue =
  | null
  | boolean
  | number
  | string
  | Float64Array
  | readonly PlainValue[]
  | { readonly [key: string]: PlainValue };

export type PlainObject = { readonly [key: string]: PlainValue };

/**
 * State of one indicator. `last` holds the current read() values, `state` the indicator's own
 * fields (children nested by name). Float64Array fields and numbers keep NaN / ±Infinity / -0.
 */
export type IndicatorSnapshot = {
  readonly v: 1;
  readonly spec: string;
  readonly last: Float64Array;
  readonly state: PlainObject;
};

export interface Indicator {
  /** Canonical lowercase spec, e.g. 'bbands(20,2)'. */
  readonly spec: string;
  /** Export column names, e.g. ['bbands_20_2_upper', 'bbands_20_2_middle', 'bbands_20_2_lower']. */
  readonly columns: readonly string[];
  /**
   * Index (0-based, in closed bars) of the first output where every column has a value; for
   * TA-Lib indicators this is TA-Lib's lookback (e.g. ADX(14) = 27).
   */
  readonly firstOutputIndex: number;
  /**
   * Per column first output index (same order as `columns`). Differs from firstOutputIndex only
   * for ADX, whose +DI/-DI columns start at n (TA-Lib PLUS_DI/MINUS_DI) and ADX at 2n-1.
   */
  readonly columnFirstOutputIndex: readonly number[];
  /** A bar closed. */
  update(bar: IndicatorBar): void;
  /** Write columns.length current values at out[offset...]; NaN when no value yet. */
  read(out: Float64Array, offset: number): void;
  /** Values as if `bar` (the partial bar) closed now; state untouched, no allocation. */
  preview(bar: IndicatorBar, out: Float64Array, offset: number): void;
  /** Plain-data copy of the state (never shares buffers with the instance). */
  snapshot(): IndicatorSnapshot;
  /** Bit-exact restore of a snapshot of the same spec (copies, never aliases, the snapshot). */
  restore(state: IndicatorSnapshot): void;
}
