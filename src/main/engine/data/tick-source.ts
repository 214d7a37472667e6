import type { TickBatch } from './tick-batch.ts';

/**
 * One symbol's ticks in order, a batch at a time. The returned batch may be reused by the next
 * call, so a consumer finishes with a batch before asking for another. null = no more ticks.
 */
export interface TickSource {
  next(): TickBatch | null;
}

/** A source over batches already in memory (tests, generated data). */
export function arraySource(batches: TickBatch[]): TickSource {
  let i = 0;
  return { next: () => (i < batches.length ? batches[i++] : null) };
}
