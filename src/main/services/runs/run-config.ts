import type { PriceSource } from '../../engine/mtf/bar.ts';
import type { EngineConfig } from '../../engine/mtf/engine-config.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { PortfolioConfig } from '../../engine/portfolio/types.ts';
import type { ParamValues } from '../../engine/strategy/types.ts';

/** Money and fill settings of a run; the account currency is each symbol's quote currency. */
export interface AccountConfig {
  balance: number;
  lotSize: number;
  /** Per lot per side. */
  commissionPerLot: number;
  /** Price units against the trader on market and stop fills. */
  slippage: number;
}

export const DEFAULT_ACCOUNT: AccountConfig = {
  balance: 10_000,
  lotSize: 100_000,
  commissionPerLot: 0,
  slippage: 0,
};

export interface StrategyRef {
  name: string;
  params: ParamValues;
  /** A user strategy's file; null for built-ins. */
  file: string | null;
}

/** What a run stores of its output (RunConfig.record). */
export type RecordedOutput = 'bars' | 'trades' | 'equity';

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
  strategy: StrategyRef | null;
  account: AccountConfig;
  /**
   * Outputs stored in SQLite; absent = all three (runs made before the choice existed, whose
   * config hashes must not change, so the field is left out rather than filled in).
   */
  record?: RecordedOutput[];
}

/** Whether the run stores its closed bars: then its checkpoints read histories from them. */
export function recordsBars(config: RunConfig): boolean {
  return config.record?.includes('bars') ?? true;
}

export function portfolioConfigOf(c: RunConfig): PortfolioConfig {
  return { symbols: c.symbols, ...c.account };
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
  /** Statistics of a finished backtest with a strategy (see computeStatistics). */
  stats: Record<string, number | null> | null;
  /** A fork's origin: the run and checkpoint it was resumed from. */
  parentRunId: string | null;
  parentSeq: number | null;
}
