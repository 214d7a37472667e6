/**
 * Schema of the RunConfig a checkpoint carries. It decides which engine is rebuilt on resume, so
 * names are checked against the engine's own lists and parsers (timeframes, price sources,
 * canonical indicator specs) rather than re-listed here.
 */
import { z } from 'zod';
import { currencySchema, symbolSpecSchema } from '../../../../shared/symbol-spec.ts';
import { canonicalSpec } from '../../../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../../../engine/mtf/bar.ts';
import { sortTimeframes, TIMEFRAMES, type Timeframe } from '../../../engine/mtf/timeframes.ts';
import { normalRecord, RECORD_KINDS } from '../../runs/run-config.ts';
import { checkSymbolName } from '../../ticks/symbol-name.ts';
import { count, list, record } from './schema-parts.ts';

/** Same bound as the IPC contract's historySize. */
const MAX_HISTORY = 100_000;

const isCanonicalSpec = (s: string): boolean => {
  try {
    return canonicalSpec(s) === s;
  } catch {
    return false;
  }
};

// Symbols name export files and reach the terminal: the import's own alphabet, nothing else.
const isSymbolName = (s: string): boolean => {
  try {
    return checkSymbolName(s) === s;
  } catch {
    return false;
  }
};

// Refinements also see values that failed the array check: they must not throw on those.
const unique = (a: unknown) => Array.isArray(a) && new Set(a).size === a.length;

const timeframes = list(z.enum(TIMEFRAMES), 1).refine(
  (tfs: Timeframe[]) => Array.isArray(tfs) && sortTimeframes(tfs).join() === tfs.join(),
  'timeframes must be distinct and smallest first',
);

const paramValue = z.union([z.number(), z.boolean(), z.string()]);

const conversion = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('same') }),
  z.strictObject({
    kind: z.literal('pair'),
    pair: z.string().refine(isSymbolName, 'not a symbol name'),
    invert: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('fixed'), rate: z.number().positive() }),
]);

/** RunConfig.money (issue 12); one spec and one conversion per symbol: shape-checks.ts. */
const money = z.strictObject({
  currency: currencySchema,
  specs: list(symbolSpecSchema, 1),
  leverage: z.number().positive().nullable(),
  stopOutPct: z.number().min(0).max(1000),
  rolloverMinutes: z.number().int().min(0).max(1439),
  conversions: list(conversion, 1),
});

export const runConfigSchema = z.strictObject({
  symbols: list(
    z.string().refine(isSymbolName, 'not a symbol name (1–32 letters, digits, . _ -)'),
    1,
  ).refine(unique, 'a symbol is listed twice'),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  timeframes,
  indicators: list(z.string().refine(isCanonicalSpec, 'not a canonical indicator spec')).refine(
    unique,
    'an indicator is listed twice',
  ),
  price: z.enum(PRICE_SOURCES as [string, ...string[]]),
  historySize: count.min(1).max(MAX_HISTORY),
  strategy: z
    .strictObject({
      name: z.string().min(1),
      params: record(paramValue),
      file: z.string().nullable(),
    })
    .nullable(),
  account: z.strictObject({
    balance: z.number().positive(),
    lotSize: z.number().positive(),
    commissionPerLot: z.number().min(0),
    slippage: z.number().min(0),
  }),
  // Only a non-default choice is stored (normalRecord): all three, repeats or an empty list
  // would give the same run a second config hash.
  record: z
    .array(z.enum(RECORD_KINDS))
    .min(1)
    .max(RECORD_KINDS.length - 1)
    .refine(
      (r) => Array.isArray(r) && normalRecord(r)?.join() === r.join(),
      'record must list distinct kinds in the order bars, trades, equity, not all three',
    )
    .optional(),
  money: money.optional(),
});
