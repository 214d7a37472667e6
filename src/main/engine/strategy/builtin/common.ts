/**
 * Small helpers the built-in strategies share: typed reads of resolved params, the params every
 * one of them has (size, stops in pips), pips, and crossing tests. Pure functions only: all state
 * of a strategy lives in ctx.state.
 */
import { canonicalSpec } from '../../indicators/index.ts';
import { isTimeframe, type Timeframe } from '../../mtf/timeframes.ts';
import type { PositionSide } from '../../portfolio/types.ts';
import { StrategyParamError } from '../params.ts';
import type { OrderOptions, ParamSpec, ParamValues, StrategyContext } from '../types.ts';

export function numberParam(params: Readonly<ParamValues>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new StrategyParamError(`param '${name}' is not a number`);
  return v;
}

export function stringParam(params: Readonly<ParamValues>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new StrategyParamError(`param '${name}' is not a string`);
  return v;
}

export function timeframeParam(params: Readonly<ParamValues>, name: string): Timeframe {
  const v = stringParam(params, name);
  if (!isTimeframe(v)) throw new StrategyParamError(`param '${name}' is not a timeframe`);
  return v;
}

export function lotsParam(): ParamSpec {
  return {
    name: 'lots',
    label: 'Size (lots)',
    type: 'number',
    default: 1,
    min: 0.01,
    max: 1000,
    description: "position size in lots (one lot is the symbol's contract size, e.g. 100000 units)",
  };
}

/** The values of lotsParam() and stopParams(), as the strategies that declare both read them. */
export interface SizeAndStops {
  lots: number;
  stopLossPips: number;
  takeProfitPips: number;
}

export function sizeAndStops(params: Readonly<ParamValues>): SizeAndStops {
  return {
    lots: numberParam(params, 'lots'),
    stopLossPips: numberParam(params, 'stopLossPips'),
    takeProfitPips: numberParam(params, 'takeProfitPips'),
  };
}

/** stopLossPips / takeProfitPips, 0 = none. */
export function stopParams(): ParamSpec[] {
  return [
    {
      name: 'stopLossPips',
      label: 'Stop loss (pips)',
      type: 'number',
      default: 0,
      min: 0,
      max: 10_000,
      description: 'stop-loss distance in pips from the close of the signal bar (0 = none)',
    },
    {
      name: 'takeProfitPips',
      label: 'Take profit (pips)',
      type: 'number',
      default: 0,
      min: 0,
      max: 10_000,
      description: 'take-profit distance in pips from the close of the signal bar (0 = none)',
    },
  ];
}

/** Units of `lots` lots of the symbol: lots × its contract size (specs differ per symbol). */
export function unitsOf(ctx: StrategyContext, symbol: string, lots: number): number {
  return lots * ctx.spec(symbol).contractSize;
}

/**
 * Stop-loss and take-profit prices `slPips` / `tpPips` away from `price` on the losing / winning
 * side of a `side` position, in pips of the symbol's spec; 0 pips = none (null).
 */
export function stopsInPips(
  ctx: StrategyContext,
  symbol: string,
  side: PositionSide,
  price: number,
  slPips: number,
  tpPips: number,
): Pick<OrderOptions, 'stopLoss' | 'takeProfit'> {
  const pip = ctx.spec(symbol).pipSize;
  const dir = side === 'long' ? 1 : -1;
  return {
    stopLoss: slPips > 0 ? price - dir * slPips * pip : null,
    takeProfit: tpPips > 0 ? price + dir * tpPips * pip : null,
  };
}

/**
 * A was at or below B on the previous bar and is above it now. False when any value is NaN
 * (an indicator still warming up), so nothing fires before the data is there.
 */
export function crossedAbove(aPrev: number, aNow: number, bPrev: number, bNow: number): boolean {
  return aPrev <= bPrev && aNow > bNow;
}

/** The mirror of crossedAbove: A was at or above B and is below it now. */
export function crossedBelow(aPrev: number, aNow: number, bPrev: number, bNow: number): boolean {
  return aPrev >= bPrev && aNow < bNow;
}

/** Canonical specs without repeats ('ema(50)' for both the slow and the trend MA is one column). */
export function uniqueSpecs(specs: readonly string[]): string[] {
  return [...new Set(specs.map(canonicalSpec))];
}
