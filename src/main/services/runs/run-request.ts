import type { BacktestStrategy } from '../../engine/backtest/backtest.ts';
import { createIndicator } from '../../engine/indicators/index.ts';
import type { PriceSource } from '../../engine/mtf/bar.ts';
import { DEFAULT_HISTORY_SIZE } from '../../engine/mtf/engine-config.ts';
import { TIMEFRAMES, sortTimeframes, type Timeframe } from '../../engine/mtf/timeframes.ts';
import { parseParamArgs, resolveParams } from '../../engine/strategy/params.ts';
import type { Db } from '../db/database.ts';
import type { SweepJobLink } from './run-store.ts';
import type { MoneyRequest } from '../../../shared/field-schemas.ts';
import { loadStrategy, type LoadWatch } from '../strategies/strategy-loader.ts';
import { readSymbol, type SymbolInfo } from '../ticks/tick-store.ts';
import {
  DEFAULT_ACCOUNT,
  normalRecord,
  RECORD_KINDS,
  type AccountConfig,
  type RecordKind,
  type RunConfig,
  type RunMoney,
} from './run-config.ts';
import { RunInputError } from './run-input-error.ts';
import { runMoneyOf } from './run-money.ts';

export { RunInputError } from './run-input-error.ts';

/** What a caller (CLI, app) asks for; everything optional has a documented default. */
export interface RunRequest {
  symbols: string[];
  from?: number | null;
  to?: number | null;
  /** Default: every timeframe. A strategy's required timeframes are added. */
  timeframes?: Timeframe[];
  /** A strategy's required indicators are added. */
  indicators?: string[];
  price?: PriceSource;
  historySize?: number;
  strategy?: string | null;
  /** Typed values (the app's form)… */
  params?: Record<string, unknown>;
  /** …or `k=v` strings (the CLI's --param). */
  paramArgs?: string[];
  account?: Partial<AccountConfig>;
  /** Broker settings (issue 12); every field optional, defaults in run-config.ts. */
  money?: MoneyRequest;
  /** What the run stores; default all of bars, trades, equity (see RunConfig.record). */
  record?: string[];
  /** The sweep job this run is (stored on the run row, never in its config). */
  sweepJob?: SweepJobLink;
  /**
   * Create the run under this id instead of a new one: a cluster worker's copy of a run keeps
   * the id its submitter gave it (services/cluster). Never in the config.
   */
  runId?: string;
  /**
   * Record this as the user strategy's file in the config instead of the file loaded here: a
   * cluster worker loads the submitter's strategy from its own workspace, and the run's config
   * (and its hash) must still be the submitter's (services/cluster/data/manifest-request.ts).
   */
  strategyFileAs?: string;
  /**
   * Record exactly these broker settings instead of resolving `money` against this data folder
   * (null: none, an older run's config): a cluster worker's or a re-shipped run must keep the
   * specs and conversions its submitter resolved, whatever this folder's specs say.
   */
  recordedMoney?: RunMoney | null;
}

export type { MoneyRequest } from '../../../shared/field-schemas.ts';

/** Checks a requested `record` list and returns its canonical form (normalRecord). */
export function recordOf(kinds: string[] | undefined): RecordKind[] | undefined {
  if (kinds === undefined) return undefined;
  const unknown = kinds.filter((k) => !(RECORD_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new RunInputError(
      `--record: unknown ${unknown.map((k) => `'${k}'`).join(', ')}; valid: ${RECORD_KINDS.join(', ')}`,
    );
  if (kinds.length === 0)
    throw new RunInputError(`--record: choose at least one of ${RECORD_KINDS.join(', ')}`);
  return normalRecord(kinds as RecordKind[]);
}

export interface PreparedRun {
  config: RunConfig;
  symbols: SymbolInfo[];
  strategy: BacktestStrategy | null;
  sweepJob?: SweepJobLink;
  runId?: string;
}

/** Drops undefined entries, so an option left out keeps its default instead of erasing it. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkAccount(a: AccountConfig): AccountConfig {
  const bad = (what: string) => new RunInputError(what);
  if (!(a.balance > 0) || !Number.isFinite(a.balance))
    throw bad('--balance must be a positive number');
  if (!(a.lotSize > 0) || !Number.isFinite(a.lotSize))
    throw bad('--lot-size must be a positive number');
  // Finite too: an Infinity commission or slippage turns every P&L into Infinity or NaN.
  if (!(a.commissionPerLot >= 0) || !Number.isFinite(a.commissionPerLot))
    throw bad('--commission must be a finite number >= 0');
  if (!(a.slippage >= 0) || !Number.isFinite(a.slippage))
    throw bad('--slippage must be a finite number >= 0');
  return a;
}

/**
 * Turns a request into a complete, canonical run config — symbols checked against the store,
 * the strategy loaded and its params checked, its required timeframes and indicators added.
 * `watch` is told while user code runs (import, `requires`), for a run worker's watchdog.
 */
export async function prepareRun(
  db: Db,
  dataDir: string,
  req: RunRequest,
  watch?: LoadWatch,
): Promise<PreparedRun> {
  if (req.symbols.length === 0) throw new RunInputError('no symbol given');
  if (new Set(req.symbols).size !== req.symbols.length)
    throw new RunInputError('a symbol is listed twice');
  const symbols = req.symbols.map((name) => {
    const info = readSymbol(db, name);
    if (!info || info.tickCount === 0) {
      throw new RunInputError(
        `no ticks stored for ${name}; import or generate some first (backtestr data list)`,
      );
    }
    return info;
  });
  let strategy: BacktestStrategy | null = null;
  const timeframes = [...(req.timeframes ?? TIMEFRAMES)];
  const indicators = [...(req.indicators ?? [])];
  if (req.strategy) {
    const entry = await loadStrategy(dataDir, req.strategy, watch);
    const params = req.paramArgs
      ? parseParamArgs(entry.params, req.paramArgs)
      : resolveParams(entry.params, req.params ?? {});
    if (entry.file) watch?.loading(entry.file);
    let needs;
    try {
      needs = entry.module.requires?.(params) ?? {};
    } finally {
      if (entry.file) watch?.loaded();
    }
    timeframes.push(...(needs.timeframes ?? []));
    indicators.push(...(needs.indicators ?? []));
    strategy = { module: entry.module, params, file: entry.file };
  }
  const specs = [...new Set(indicators.map((s) => createIndicator(s).spec))];
  const config: RunConfig = {
    symbols: [...req.symbols],
    from: req.from ?? null,
    to: req.to ?? null,
    timeframes: sortTimeframes(timeframes),
    indicators: specs,
    price: req.price ?? 'bid',
    historySize: req.historySize ?? DEFAULT_HISTORY_SIZE,
    strategy: strategy && {
      name: strategy.module.name,
      params: strategy.params,
      file: strategy.file && (req.strategyFileAs ?? strategy.file),
    },
    account: checkAccount({ ...DEFAULT_ACCOUNT, ...definedOnly(req.account ?? {}) }),
  };
  // Every new run gets broker settings (common.md 1); an old request's account.lotSize (a stored
  // sweep spec) still means the contract size. ctx.lotSize is the first symbol's contract size.
  if (req.recordedMoney !== undefined) {
    if (req.recordedMoney) config.money = structuredClone(req.recordedMoney);
  } else {
    const money = definedOnly(req.money ?? {});
    const contractSize = money.contractSize ?? req.account?.lotSize;
    config.money = runMoneyOf(db, config.symbols, {
      ...money,
      ...(contractSize !== undefined && { contractSize }),
    });
    config.account.lotSize = config.money.specs[0].contractSize;
  }
  // Only a non-default choice is stored: a default run's config (and hash) is as it always was.
  const record = recordOf(req.record);
  if (record) config.record = record;
  if (config.from !== null && config.to !== null && config.from >= config.to) {
    throw new RunInputError('--from must be before --to');
  }
  return {
    config,
    symbols,
    strategy,
    ...(req.sweepJob && { sweepJob: req.sweepJob }),
    ...(req.runId !== undefined && { runId: req.runId }),
  };
}
