import type { RunReport } from '../../engine/results/statistics.ts';
import type { PriceSource } from '../../engine/mtf/bar.ts';
import type { EngineConfig } from '../../engine/mtf/engine-config.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { MoneyConfig, PortfolioConfig } from '../../engine/portfolio/types.ts';
import type { ParamValues } from '../../engine/strategy/types.ts';
import { RECORD_KINDS, type RecordKind } from '../../../shared/record-kinds.ts';

/**
 * Money and fill settings of a run. With RunConfig.money the contract size of a lot is each
 * symbol's (money.specs); lotSize is then the first symbol's, kept for ctx.lotSize.
 */
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

/**
 * How one symbol's quote currency becomes the account currency, resolved when the run is
 * prepared and stored with it, so a resumed run (or a cluster worker) converts the same way.
 * - same: the quote is the account currency (rate 1);
 * - pair: the stored pair's mid price at that moment — QUOTE+ACCOUNT (e.g. JPYUSD) as is, or
 *   ACCOUNT+QUOTE (USDJPY) inverted (`invert`);
 * - fixed: the user's `--rate JPY=0.0067`, used only when no pair is stored.
 */
export type QuoteConversion =
  | { kind: 'same' }
  | { kind: 'pair'; pair: string; invert: boolean }
  | { kind: 'fixed'; rate: number };

/** The broker side of a run: MoneyConfig plus one conversion per symbol (same order). */
export interface RunMoney extends MoneyConfig {
  conversions: QuoteConversion[];
}

/** Defaults of a new run's broker settings (MT5's tester: 1:100, stop-out 50 %, 22:00 UTC). */
export const DEFAULT_LEVERAGE = 100;
export const DEFAULT_STOP_OUT_PCT = 50;
export const DEFAULT_ROLLOVER_MINUTES = 22 * 60;

export interface StrategyRef {
  name: string;
  params: ParamValues;
  /** A user strategy's file; null for built-ins. */
  file: string | null;
}

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
   * What the run stores (issue 9): absent means everything, as before the field existed — so a
   * default run's config, and its config hash, are those of older versions (normalRecord()).
   */
  record?: RecordKind[];
  /**
   * Account currency, symbol specs, leverage, stop-out, rollover and conversions (issue 12).
   * Every new run has it; absent only in runs of older versions, which keep their old money
   * rules (quote-currency P&L, no margin, no swap) so they resume exactly as they began.
   */
  money?: RunMoney;
}

export { RECORD_KINDS, type RecordKind } from '../../../shared/record-kinds.ts';

/**
 * The canonical `record` field for a choice: undefined for all three (the default, stored as no
 * field at all), else the chosen kinds in RECORD_KINDS order without repeats.
 */
export function normalRecord(kinds: readonly RecordKind[] | undefined): RecordKind[] | undefined {
  if (kinds === undefined) return undefined;
  const chosen = RECORD_KINDS.filter((k) => kinds.includes(k));
  if (chosen.length === 0)
    throw new RangeError('a run must record at least one of bars, trades, equity');
  return chosen.length === RECORD_KINDS.length ? undefined : chosen;
}

/** The kinds a run stores (all three for a config without the field). */
export function recordedKinds(c: Pick<RunConfig, 'record'>): RecordKind[] {
  return c.record ? [...c.record] : [...RECORD_KINDS];
}

export function recordsBars(c: Pick<RunConfig, 'record'>): boolean {
  return c.record?.includes('bars') ?? true;
}

/**
 * Whether trade rows are stored. Never without a strategy: nothing trades, and no view or export
 * shows a strategy-less run's results.
 */
export function recordsTrades(c: Pick<RunConfig, 'record' | 'strategy'>): boolean {
  return c.strategy !== null && (c.record?.includes('trades') ?? true);
}

/**
 * Whether equity rows are stored. Never without a strategy: its curve is flat at the starting
 * balance, one row per smallest-timeframe close that nothing reads (they cost ~3 µs each).
 */
export function recordsEquity(c: Pick<RunConfig, 'record' | 'strategy'>): boolean {
  return c.strategy !== null && (c.record?.includes('equity') ?? true);
}

/**
 * Whether the run keeps its statistics as a live snapshot (run-tallies.ts) because they cannot
 * be recomputed from rows: a strategy run that stores no trades or no equity.
 */
export function talliesStatistics(c: Pick<RunConfig, 'record' | 'strategy'>): boolean {
  return c.strategy !== null && !(recordsTrades(c) && recordsEquity(c));
}

export function portfolioConfigOf(c: RunConfig): PortfolioConfig {
  const config: PortfolioConfig = { symbols: c.symbols, ...c.account };
  if (c.money) {
    const { currency, specs, leverage, stopOutPct, rolloverMinutes } = c.money;
    config.money = { currency, specs, leverage, stopOutPct, rolloverMinutes };
  }
  return config;
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

export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';

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
  /**
   * Monthly returns, warnings, and whether `stats` are to date (a paused or failed run's); null
   * for a run without a strategy or one finished by a version before issue 12.
   */
  report: RunReport | null;
  /** A fork's origin: the run and checkpoint it was resumed from. */
  parentRunId: string | null;
  parentSeq: number | null;
  /** The sweep this run is a job of (runs.sweep_id); null for a stand-alone run. */
  sweepId: string | null;
}
