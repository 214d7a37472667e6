/**
 * A run of ticks of one symbol in column form. Columns are typed arrays so the hot loop reads
 * them without allocating; `length` may be smaller than the arrays' capacity (buffers are reused).
 *
 * - ts: milliseconds since the epoch, UTC (integers held exactly in float64). Non-decreasing;
 *   several ticks may share a millisecond and their order is part of the data.
 * - bid/ask: prices, > 0, bid <= ask.
 * - bidVol/askVol: null when the source has no volumes; otherwise NaN marks a missing value.
 */
export interface TickBatch {
  length: number;
  ts: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  bidVol: Float64Array | null;
  askVol: Float64Array | null;
}

export function allocTickBatch(capacity: number, withVolumes: boolean): TickBatch {
  return {
    length: 0,
    ts: new Float64Array(capacity),
    bid: new Float64Array(capacity),
    ask: new Float64Array(capacity),
    bidVol: withVolumes ? new Float64Array(capacity) : null,
    askVol: withVolumes ? new Float64Array(capacity) : null,
  };
}
