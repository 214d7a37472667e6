/**
 * The RateSource a run's portfolio reads (engine/portfolio/types.ts), built from the run's
 * recorded conversions (RunMoney.conversions) and the tick store: a pure function of time, read
 * from the store whether or not the pair is traded in the run, so a resumed run, a cluster
 * worker and an uninterrupted run all see the same rates.
 */
import type { RateSource } from '../../engine/portfolio/types.ts';
import type { Db } from '../db/database.ts';
import type { QuoteConversion, RunConfig } from '../runs/run-config.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import { PairRate } from './pair-rate.ts';

/** The stored pairs a config's conversions read, each once, in order of first use. */
export function conversionPairs(config: Pick<RunConfig, 'money'>): string[] {
  const pairs = (config.money?.conversions ?? []).flatMap((c) =>
    c.kind === 'pair' ? [c.pair] : [],
  );
  return [...new Set(pairs)];
}

/** One quote→account rate function per symbol, pairs shared between symbols that use them. */
function rateFunctions(db: Db, conversions: QuoteConversion[]): ((time: number) => number)[] {
  const pairs = new Map<string, PairRate>();
  const pairRate = (name: string): PairRate => {
    let p = pairs.get(name);
    if (!p) {
      const info = readSymbol(db, name);
      if (!info || info.tickCount === 0)
        throw new Error(`conversion pair ${name}: no ticks stored (the run converts with it)`);
      p = new PairRate(db, info);
      pairs.set(name, p);
    }
    return p;
  };
  return conversions.map((c) => {
    if (c.kind === 'same') return () => 1;
    if (c.kind === 'fixed') return () => c.rate;
    const p = pairRate(c.pair);
    return c.invert ? (t: number) => 1 / p.mid(t) : (t: number) => p.mid(t);
  });
}

/** The run's rates; null for a config without money (an older run: everything at rate 1). */
export function storeRateSource(db: Db, config: Pick<RunConfig, 'money'>): RateSource | null {
  if (!config.money) return null;
  const fns = rateFunctions(db, config.money.conversions);
  return { quoteRate: (symbol, time) => fns[symbol](time) };
}
