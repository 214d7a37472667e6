/**
 * Fixed-capacity window of float64 values (a Float64Array ring), oldest evicted on push.
 * The "...AfterPush(x)" queries answer for the window as it would be after push(x) without
 * pushing, which is what preview needs.
 */
import type { PlainObject } from '../types.ts';
import type { Stateful } from './base.ts';
import { IndicatorStateError, readFloat64Into, readNumber } from './state.ts';

export class RingBuffer implements Stateful {
  readonly capacity: number;
  private readonly buf: Float64Array;
  /** Physical slot the next push writes to. */
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity ${capacity}`);
    this.capacity = capacity;
    this.buf = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  push(x: number): void {
    this.buf[this.head] = x;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** i-th held value, 0 = oldest. */
  get(i: number): number {
    let j = this.head - this.count + i;
    if (j < 0) j += this.capacity;
    return this.buf[j]!;
  }

  oldest(): number {
    return this.get(0);
  }

  /** Physical slot j (TA-Lib CIRCBUF order) and the slot the next push writes to. */
  slot(j: number): number {
    return this.buf[j]!;
  }

  get writeSlot(): number {
    return this.head;
  }

  /** Largest value of the window after push(x). */
  maxAfterPush(x: number): number {
    let m = x;
    for (let i = this.full ? 1 : 0; i < this.count; i++) {
      const v = this.get(i);
      if (v > m) m = v;
    }
    return m;
  }

  /** Smallest value of the window after push(x). */
  minAfterPush(x: number): number {
    let m = x;
    for (let i = this.full ? 1 : 0; i < this.count; i++) {
      const v = this.get(i);
      if (v < m) m = v;
    }
    return m;
  }

  snapshot(): PlainObject {
    return { buf: this.buf.slice(), head: this.head, count: this.count };
  }

  restore(s: PlainObject): void {
    const head = readNumber(s, 'head');
    const count = readNumber(s, 'count');
    const ok = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= this.capacity;
    if (!ok(head) || head === this.capacity || !ok(count))
      throw new IndicatorStateError('bad ring head/count');
    readFloat64Into(s, 'buf', this.buf);
    this.head = head;
    this.count = count;
  }
}
