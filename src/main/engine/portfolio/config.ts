import type { PortfolioConfig } from './types.ts';

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
  return {
    symbols: [...c.symbols],
    balance: c.balance,
    lotSize: c.lotSize,
    commissionPerLot: c.commissionPerLot,
    slippage: c.slippage,
    gapMs,
  };
}

function requireNumber(name: string, v: number, min: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    const bound = min === -Infinity ? 'a finite number' : min > 0 ? '> 0' : '>= 0';
    throw new RangeError(`portfolio config: ${name} must be ${bound}, got ${String(v)}`);
  }
}
