/**
 * The streaming API, written once.
 *
 * Every indicator implements a single `step(bar, commit, out, offset)`: it computes the outputs
 * for `bar` from the current state into local variables, writes them to out[offset...], and only
 * when `commit` is true stores the new state. update() is step(commit = true) into the `last`
 * values that read() returns; preview() is step(commit = false) straight into the caller's buffer.
 * One code path for both, no cloning and no allocation on either (the contract test checks that
 * preview leaves the snapshot unchanged and equals update + read on every bar).
 *
 * Composite indicators hold smaller parts (Series: EMA, SMA, Wilder averages, ATR...) and pass
 * the same `commit` flag down; their snapshot nests the parts' snapshots by name.
 */
import type { Indicator, IndicatorBar, IndicatorSnapshot, PlainObject } from '../types.ts';
import { IndicatorStateError, readFloat64Into, readObject } from './state.ts';

/** Something whose state can be copied out as plain data and back. */
export interface Stateful {
  snapshot(): PlainObject;
  restore(state: PlainObject): void;
}

/** A one-output streaming building block: next() returns the output (NaN = no value yet). */
export interface Series<In> extends Stateful {
  next(input: In, commit: boolean): number;
}

export abstract class BaseIndicator implements Indicator {
  readonly spec: string;
  readonly columns: readonly string[];
  readonly firstOutputIndex: number;
  readonly columnFirstOutputIndex: readonly number[];
  /** Values of the last closed bar, what read() returns. */
  private readonly last: Float64Array;

  /** `firstOutput`: one index for all columns, or one per column (ADX). */
  protected constructor(
    spec: string,
    columns: readonly string[],
    firstOutput: number | readonly number[],
  ) {
    this.spec = spec;
    this.columns = Object.freeze([...columns]);
    const perColumn =
      typeof firstOutput === 'number' ? columns.map(() => firstOutput) : [...firstOutput];
    if (perColumn.length !== columns.length)
      throw new Error(`${spec}: one first output index per column`);
    this.columnFirstOutputIndex = Object.freeze(perColumn);
    this.firstOutputIndex = Math.max(...perColumn);
    this.last = new Float64Array(columns.length).fill(NaN);
  }

  /** Compute outputs for `bar` into out[offset...]; mutate state only when `commit`. */
  protected abstract step(
    bar: IndicatorBar,
    commit: boolean,
    out: Float64Array,
    offset: number,
  ): void;
  /** The subclass's own state as plain data (copies of buffers, children's snapshots). */
  protected abstract saveState(): PlainObject;
  /** Inverse of saveState (copying, never aliasing). */
  protected abstract loadState(state: PlainObject): void;

  update(bar: IndicatorBar): void {
    this.step(bar, true, this.last, 0);
  }

  read(out: Float64Array, offset: number): void {
    out.set(this.last, offset);
  }

  preview(bar: IndicatorBar, out: Float64Array, offset: number): void {
    this.step(bar, false, out, offset);
  }

  snapshot(): IndicatorSnapshot {
    return { v: 1, spec: this.spec, last: this.last.slice(), state: this.saveState() };
  }

  restore(snapshot: IndicatorSnapshot): void {
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.v !== 1) {
      throw new IndicatorStateError(`${this.spec}: not an indicator snapshot (v1)`);
    }
    if (snapshot.spec !== this.spec) {
      throw new IndicatorStateError(
        `cannot restore a '${snapshot.spec}' snapshot into '${this.spec}'`,
      );
    }
    readFloat64Into(snapshot as unknown as PlainObject, 'last', this.last);
    this.loadState(readObject(snapshot as unknown as PlainObject, 'state'));
  }
}

/** Base for the indicators with one output computed by a Series from the bar. */
export abstract class SingleOutputIndicator extends BaseIndicator {
  protected abstract value(bar: IndicatorBar, commit: boolean): number;

  protected step(bar: IndicatorBar, commit: boolean, out: Float64Array, offset: number): void {
    out[offset] = this.value(bar, commit);
  }
}
