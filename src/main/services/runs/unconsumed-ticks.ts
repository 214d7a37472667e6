import type { Db } from '../db/database.ts';
import { countTicks, readSymbol } from '../ticks/tick-store.ts';
import type { RunConfig } from './run-config.ts';

/**
 * A run is `completed` only when it has consumed every tick it was given. The tick sources can
 * end early when the stored ticks no longer match what was counted at the start — ticks outside
 * the supported time range stored by an older version (epoch 9e15 once ended a run "completed"
 * with 0 of 10 ticks), a symbol replaced under a paused run — and that must fail the run, not
 * be reported as a finished backtest.
 */
export class UnconsumedTicksError extends Error {
  readonly consumed: number;
  readonly total: number;

  constructor(consumed: number, total: number) {
    super(
      `the run processed ${consumed} of its ${total} ticks and its tick data then ended: the ` +
        `stored ticks no longer match the run (replaced since it started, or outside the ` +
        `supported time range); the run is not complete`,
    );
    this.name = 'UnconsumedTicksError';
    this.consumed = consumed;
    this.total = total;
  }
}

/** Throws unless the data's end came after exactly `total` ticks. */
export function checkAllTicksConsumed(consumed: number, total: number): void {
  if (consumed !== total) throw new UnconsumedTicksError(consumed, total);
}

/**
 * The ticks a run's config selects from the store as it is now. A resume forced over changed
 * data (`--force`) is given these, not the count its checkpoint recorded, and must consume them.
 */
export function ticksStoredFor(db: Db, config: RunConfig): number {
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  let n = 0;
  for (const name of config.symbols) {
    const info = readSymbol(db, name);
    if (info) n += countTicks(db, info, range);
  }
  return n;
}
