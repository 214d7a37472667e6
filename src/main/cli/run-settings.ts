/**
 * The options of a run's settings — symbols, range, timeframes, indicators, price, history,
 * account, broker options, what it records — parsed alike by `run` and `sweep` (whose jobs are runs).
 */
import { parseIndicatorList } from '../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../engine/mtf/bar.ts';
import { parseTimeframes } from '../engine/mtf/timeframes.ts';
import { RECORD_KINDS, type RecordKind } from '../services/runs/run-config.ts';
import { oneOf, parseInteger, parseNumber, parseUtcTime, required, splitList } from './options.ts';
import { UsageError } from './usage.ts';
import { MONEY_OPTIONS, moneyRequestOf } from './money-options.ts';

/** parseArgs options of a run's settings. */
export const RUN_SETTINGS_OPTIONS = {
  symbol: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  timeframes: { type: 'string' },
  indicators: { type: 'string', default: '' },
  price: { type: 'string', default: 'bid' },
  history: { type: 'string', default: '1000' },
  strategy: { type: 'string' },
  param: { type: 'string', multiple: true, default: [] as string[] },
  balance: { type: 'string' },
  ...MONEY_OPTIONS,
  commission: { type: 'string' },
  slippage: { type: 'string' },
  record: { type: 'string' },
} as const;

export type RunSettingsValues = {
  [K in keyof typeof RUN_SETTINGS_OPTIONS]?: (typeof RUN_SETTINGS_OPTIONS)[K] extends {
    multiple: true;
  }
    ? string[]
    : string;
};

/** `--record bars,trades,equity`: any non-empty subset; anything else is a usage error. */
export function parseRecord(value: string): RecordKind[] {
  const kinds = splitList(value);
  if (kinds.length === 0)
    throw new UsageError(`--record needs at least one of ${RECORD_KINDS.join(', ')}`);
  return kinds.map((k) => oneOf('record', k, RECORD_KINDS));
}

/** The settings as a run request has them (strategy, params and record are the caller's). */
export function runSettingsOf(v: RunSettingsValues) {
  const optional = (name: string, x: string | undefined) =>
    x === undefined ? undefined : parseNumber(name, x);
  return {
    symbols: splitList(required('symbol', v.symbol)),
    from: v.from === undefined ? null : parseUtcTime('from', v.from),
    to: v.to === undefined ? null : parseUtcTime('to', v.to),
    timeframes: v.timeframes === undefined ? undefined : parseTimeframes(v.timeframes),
    indicators: parseIndicatorList(v.indicators ?? ''),
    price: oneOf('price', v.price ?? 'bid', PRICE_SOURCES),
    historySize: parseInteger('history', v.history ?? '1000', 1),
    /** Options left out are undefined: the run's defaults apply. */
    account: {
      balance: optional('balance', v.balance),
      commissionPerLot: optional('commission', v.commission),
      slippage: optional('slippage', v.slippage),
    },
    /** Broker options given (--lot-size is the contract size of every symbol). */
    money: moneyRequestOf(v),
  };
}
