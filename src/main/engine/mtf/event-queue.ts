import type { Bar } from './bar.ts';

/** A bar of `symbol` (index in the run) and `timeframe` (index in the run's timeframes) closed. */
export interface BarCloseEvent {
  symbol: number;
  timeframe: number;
  bar: Bar;
}

/**
 * FIFO of bar-close events between the bar builders and their consumers (indicators, the store,
 * later the strategy). Explicit rather than direct calls so that what is pending is engine state
 * a checkpoint can capture; it is drained after every tick, so it is usually empty.
 */
export class EventQueue {
  #items: BarCloseEvent[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(e: BarCloseEvent): void {
    this.#items.push(e);
  }

  shift(): BarCloseEvent | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const e = this.#items[this.#head++];
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    }
    return e;
  }

  snapshot(): BarCloseEvent[] {
    return this.#items
      .slice(this.#head)
      .map((e) => ({ symbol: e.symbol, timeframe: e.timeframe, bar: { ...e.bar } }));
  }

  restore(events: BarCloseEvent[]): void {
    this.#items = events.map((e) => ({
      symbol: e.symbol,
      timeframe: e.timeframe,
      bar: { ...e.bar },
    }));
    this.#head = 0;
  }
}
