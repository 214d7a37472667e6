import type { PriceSource } from '../../engine/mtf/bar.ts';
import type { EngineConfig } from '../../engine/mtf/engine-config.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';

/** Everything that determines a run's output. Stored as JSON with the run. */
export interface RunConfig {
  symbols: string[];
  /** ms UTC, inclusive; null = from the first tick. */
  from: number | null;
  /** ms UTC, exclusive; null = to the last tick. */
  to: number | null;
  timeframes: Timeframe[];
  indicators: string[];
  price: PriceSource;
  historySize: number;
}

export function engineConfigOf(c: RunConfig): EngineConfig {
  return {
    symbols: c.symbols,
    timeframes: c.timeframes,
    indicators: c.indicators,
    price: c.price,
    historySize: c.historySize,
  };
}

export type RunStatus = 'running' | 'paused' | 'completed' | 'failed' | 'interrupted';

export interface RunRecord {
  id: string;
  createdAt: number;
  status: RunStatus;
  config: RunConfig;
  ticksTotal: number;
  ticksDone: number;
  seconds: number;
  finishedAt: number | null;
  error: string | null;
}
