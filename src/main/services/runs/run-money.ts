/**
 * The broker side of a new run (RunConfig.money) from what the caller asked for: each symbol's
 * stored specification (contract size overridable), the account currency (default: the first
 * symbol's quote), leverage, stop-out, rollover, and how each symbol's quote currency becomes the
 * account currency. A conversion that cannot be made refuses the run before it starts, naming
 * the pair it needs — a run must never silently add yen to dollars.
 */
import { currencySchema, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import type { Db } from '../db/database.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import { symbolSpecOf } from '../ticks/symbol-specs.ts';
import {
  DEFAULT_LEVERAGE,
  DEFAULT_ROLLOVER_MINUTES,
  DEFAULT_STOP_OUT_PCT,
  type QuoteConversion,
  type RunMoney,
} from './run-config.ts';
import type { MoneyRequest } from './run-request.ts';
import { RunInputError } from './run-input-error.ts';

function checkCurrency(flag: string, c: string): string {
  if (!currencySchema.safeParse(c).success)
    throw new RunInputError(`${flag}: '${c}' is not a currency (3 letters, e.g. USD)`);
  return c;
}

function leverageOf(v: number | null | undefined): number | null {
  if (v === undefined) return DEFAULT_LEVERAGE;
  if (v === null || v === 0) return null;
  if (!(v > 0) || !Number.isFinite(v))
    throw new RunInputError('--leverage must be a number > 0 (0 = unlimited)');
  return v;
}

function stopOutOf(v: number | undefined): number {
  if (v === undefined) return DEFAULT_STOP_OUT_PCT;
  if (!(v >= 0 && v <= 1000)) throw new RunInputError('--stop-out must be a percentage 0–1000');
  return v;
}

function rolloverOf(v: number | undefined): number {
  if (v === undefined) return DEFAULT_ROLLOVER_MINUTES;
  if (!Number.isInteger(v) || v < 0 || v >= 1440)
    throw new RunInputError('--rollover must be a time of day HH:MM (UTC)');
  return v;
}

const holdsTicks = (db: Db, name: string) => (readSymbol(db, name)?.tickCount ?? 0) > 0;

/** How `symbol` (quoted in spec.quote) converts to `currency` (common.md decision 2). */
function conversionOf(
  db: Db,
  symbol: string,
  quote: string,
  currency: string,
  rates: Record<string, number>,
): QuoteConversion {
  if (quote === currency) return { kind: 'same' };
  // ACCOUNT+QUOTE (USDJPY for a USD account) is the usual name; QUOTE+ACCOUNT is accepted too.
  if (holdsTicks(db, currency + quote))
    return { kind: 'pair', pair: currency + quote, invert: true };
  if (holdsTicks(db, quote + currency))
    return { kind: 'pair', pair: quote + currency, invert: false };
  const rate = rates[quote];
  if (rate !== undefined) return { kind: 'fixed', rate };
  throw new RunInputError(
    `${symbol} is quoted in ${quote} and the account in ${currency}: import or generate ` +
      `${currency}${quote} (or ${quote}${currency}), or give --rate ${quote}=<${currency} per ${quote}>`,
  );
}

function checkRates(rates: Record<string, number>, specs: SymbolSpec[], currency: string) {
  const needed = new Set(specs.map((s) => s.quote).filter((q) => q !== currency));
  for (const [cur, rate] of Object.entries(rates)) {
    checkCurrency('--rate', cur);
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new RunInputError(`--rate ${cur}: the rate must be a positive number`);
    // A typo guard: a rate nothing converts with is almost certainly a mistyped currency.
    if (!needed.has(cur))
      throw new RunInputError(
        `--rate ${cur}: no symbol of the run is quoted in ${cur} ` +
          `(rates are needed for: ${[...needed].join(', ') || 'none'})`,
      );
  }
}

/** RunConfig.money of a new run on `symbols` (already checked to hold ticks). */
export function runMoneyOf(db: Db, symbols: string[], req: MoneyRequest = {}): RunMoney {
  const size = req.contractSize;
  if (size !== undefined && (!(size > 0) || !Number.isFinite(size)))
    throw new RunInputError('--lot-size must be a positive number');
  const specs = symbols.map((name) => {
    const spec = symbolSpecOf(db, name);
    return size === undefined ? spec : { ...spec, contractSize: size };
  });
  const currency = checkCurrency('--account-currency', req.currency ?? specs[0].quote);
  const rates = req.rates ?? {};
  checkRates(rates, specs, currency);
  return {
    currency,
    specs,
    leverage: leverageOf(req.leverage),
    stopOutPct: stopOutOf(req.stopOutPct),
    rolloverMinutes: rolloverOf(req.rolloverMinutes),
    conversions: symbols.map((s, i) => conversionOf(db, s, specs[i].quote, currency, rates)),
  };
}
