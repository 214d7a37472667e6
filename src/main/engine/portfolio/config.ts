import { symbolSpecSchema } from '../../../shared/symbol-spec.ts';
import { legacyMoney } from './legacy-money.ts';
import type { MoneyConfig, PortfolioConfig } from './types.ts';

/** Default `gapMs`: a minute without a quote is a pause, not continuous trading. */
export const DEFAULT_GAP_MS = 60_000;

/** The config with every default filled in, checked once so the hot path need not. */
export interface ResolvedConfig {
  readonly symbols: readonly string[];
  readonly balance: number;
  readonly lotSize: number;
  readonly commissionPerLot: number;
  readonly slippage: number;
  readonly gapMs: number;
  /** The run's money, or the derived one of a pre-issue-12 run (legacy-money.ts). */
  readonly money: MoneyConfig;
  /** True for a pre-issue-12 run: every quote→account rate is 1, whatever a RateSource says. */
  readonly legacy: boolean;
}

/** Validates the config and fills in defaults; throws a RangeError naming the bad field. */
export function resolveConfig(c: PortfolioConfig): ResolvedConfig {
  if (!Array.isArray(c.symbols) || c.symbols.length === 0) {
    throw new RangeError('portfolio config: symbols must be a non-empty list');
  }
  const gapMs = c.gapMs ?? DEFAULT_GAP_MS;
  requireNumber('balance', c.balance, -Infinity);
  requireNumber('lotSize', c.lotSize, Number.MIN_VALUE);
  requireNumber('commissionPerLot', c.commissionPerLot, 0);
  requireNumber('slippage', c.slippage, 0);
  requireNumber('gapMs', gapMs, 0);
  const legacy = c.money === undefined;
  const money = c.money === undefined ? legacyMoney(c.symbols, c.lotSize) : checkMoney(c);
  return {
    money,
    legacy,
    symbols: [...c.symbols],
    balance: c.balance,
    lotSize: c.lotSize,
    commissionPerLot: c.commissionPerLot,
    slippage: c.slippage,
    gapMs,
  };
}

/** Checks the money settings the engine relies on: one valid spec per symbol, sane numbers. */
function checkMoney(c: PortfolioConfig): MoneyConfig {
  const m = c.money!;
  if (!Array.isArray(m.specs) || m.specs.length !== c.symbols.length) {
    throw new RangeError(
      `portfolio config: money.specs must hold one spec per symbol (${c.symbols.length})`,
    );
  }
  m.specs.forEach((spec, i) => {
    const r = symbolSpecSchema.safeParse(spec);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = `money.specs[${i}] (${c.symbols[i]}).${issue.path.join('.')}`;
      throw new RangeError(`portfolio config: ${where}: ${issue.message}`);
    }
  });
  if (m.leverage !== null) requireNumber('money.leverage', m.leverage, Number.MIN_VALUE);
  requireNumber('money.stopOutPct', m.stopOutPct, 0);
  requireNumber('money.rolloverMinutes', m.rolloverMinutes, 0);
  if (m.rolloverMinutes >= 24 * 60) {
    throw new RangeError('portfolio config: money.rolloverMinutes must be < 1440 (one day)');
  }
  return { ...m, specs: m.specs.map((s) => ({ ...s })) };
}

function requireNumber(name: string, v: number, min: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    const bound = min === -Infinity ? 'a finite number' : min > 0 ? '> 0' : '>= 0';
    throw new RangeError(`portfolio config: ${name} must be ${bound}, got ${String(v)}`);
  }
}
