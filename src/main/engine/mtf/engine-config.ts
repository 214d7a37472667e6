import { encodePlain } from '../persist/plain-codec.ts';
import type { PriceSource } from './bar.ts';
import type { Timeframe } from './timeframes.ts';

/** What shapes an engine's state. Two engines with equal configs can exchange snapshots. */
export interface EngineConfig {
  /** Symbols in run order: it breaks ties between ticks of the same millisecond. */
  symbols: string[];
  /** Smallest first. */
  timeframes: Timeframe[];
  /** Canonical indicator specs, computed on every (symbol, timeframe). */
  indicators: string[];
  price: PriceSource;
  /** Closed bars kept per (symbol, timeframe). */
  historySize: number;
}

export const DEFAULT_HISTORY_SIZE = 1000;

/** Equal configs, whatever their key order (a decoded snapshot has its keys sorted). */
export function sameEngineConfig(a: EngineConfig, b: EngineConfig): boolean {
  const x = encodePlain(a);
  const y = encodePlain(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}
