import type { TickBatch } from '../data/tick-batch.ts';
import type { TickSource } from '../data/tick-source.ts';
import type { MtfEngine } from './mtf-engine.ts';

interface Head {
  source: TickSource;
  batch: TickBatch | null;
  pos: number;
}

/**
 * Feeds several symbols' tick streams to the engine in one deterministic order: by timestamp,
 * then by the symbol's position in the run, then by order in the source. Runs of ticks that
 * can go through without interleaving are handed over whole, so a single-symbol run costs no
 * merge work at all.
 */
export class TickMerger {
  readonly #heads: Head[];

  constructor(sources: TickSource[]) {
    this.#heads = sources.map((source) => ({ source, batch: null, pos: 0 }));
  }

  /** True when `h` has a tick ready (pulling the next batch when the current one is used up). */
  #ready(h: Head): boolean {
    while (h.batch === null || h.pos >= h.batch.length) {
      h.batch = h.source.next();
      h.pos = 0;
      if (h.batch === null) return false;
    }
    return true;
  }

  /**
   * Process up to about `budget` ticks. Returns the number processed; 0 means every source is
   * exhausted.
   */
  step(engine: MtfEngine, budget: number): number {
    let done = 0;
    const heads = this.#heads;
    while (done < budget) {
      let best = -1;
      let bestTs = Infinity;
      for (let s = 0; s < heads.length; s++) {
        if (!this.#ready(heads[s])) continue;
        const t = heads[s].batch!.ts[heads[s].pos];
        if (t < bestTs) {
          bestTs = t;
          best = s;
        }
      }
      if (best < 0) break;
      // Ticks of `best` may run on while they sort before every other head: strictly before the
      // heads of symbols earlier in the run, at or before those of later symbols.
      let before = Infinity;
      let atOrBefore = Infinity;
      for (let s = 0; s < heads.length; s++) {
        if (s === best || heads[s].batch === null || heads[s].pos >= heads[s].batch!.length)
          continue;
        const t = heads[s].batch!.ts[heads[s].pos];
        if (s < best) before = Math.min(before, t);
        else atOrBefore = Math.min(atOrBefore, t);
      }
      const h = heads[best];
      const batch = h.batch!;
      const limit = Math.min(batch.length, h.pos + (budget - done));
      let end = h.pos + 1;
      if (before === Infinity && atOrBefore === Infinity) end = limit;
      else while (end < limit && batch.ts[end] < before && batch.ts[end] <= atOrBefore) end++;
      engine.processRange(best, batch, h.pos, end);
      done += end - h.pos;
      h.pos = end;
    }
    return done;
  }
}
