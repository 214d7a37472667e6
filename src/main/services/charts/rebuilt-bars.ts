/**
 * Bars rebuilt from the ticks of a run that recorded none, kept per (run, symbol, timeframe) in a
 * small LRU: panning asks for neighbouring windows of the same series again and again, and a
 * rebuild reads every tick of the run up to its progress. A year of M1 bars is ~18 MB of
 * columns, hence few entries.
 */
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { Db } from '../db/database.ts';
import type { RunRecord } from '../runs/run-config.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import type { BarSource } from './bar-source.ts';
import { runTickLimit } from './run-tick-limit.ts';
import { TickBars } from './tick-bars.ts';

const CACHED_SERIES = 4;

export class RebuiltBarsCache {
  readonly #entries = new Map<string, TickBars>();

  source(db: Db, run: RunRecord, symbol: string, timeframe: Timeframe): BarSource {
    const infos = run.config.symbols.map((name) => {
      const info = readSymbol(db, name);
      if (!info)
        throw new Error(`run '${run.id}': symbol '${name}' has no ticks to rebuild bars from`);
      return info;
    });
    const info = infos[run.config.symbols.indexOf(symbol)];
    const limit = runTickLimit(db, run, infos);
    const key = `${run.id}\u0000${symbol}\u0000${timeframe}`;
    let bars = this.#entries.get(key);
    this.#entries.delete(key);
    // A run resumed from an earlier checkpoint is behind what was built: start again.
    if (!bars || bars.fedTo > limit.to || (bars.finished && !limit.finished))
      bars = new TickBars(symbol, timeframe, run.config.price);
    bars.feed(db, info, run.config.from ?? -Infinity, limit.to);
    if (limit.finished) bars.finish();
    this.#entries.set(key, bars);
    while (this.#entries.size > CACHED_SERIES)
      this.#entries.delete(this.#entries.keys().next().value as string);
    return bars.source();
  }

  /** Forgets a run's series (deleted). */
  forget(runId: string): void {
    for (const key of [...this.#entries.keys()])
      if (key.startsWith(`${runId}\u0000`)) this.#entries.delete(key);
  }
}
