/**
 * RSI reversion — fades stretched moves: buys when RSI recovers from oversold, sells when it
 * falls back from overbought, and takes the profit when RSI gets back to the middle.
 *
 * On every closed bar of `timeframe` (default M15), for each symbol on its own, with RSI(`period`)
 * of the bar closes:
 * - Exit: a long closes when RSI crosses up through `exitLevel` (50), a short when it crosses down
 *   through it; or at the optional stop-loss / take-profit in pips.
 * - Entry, when flat (also right after an exit on the same bar): buy when RSI crosses up through
 *   `oversold` (30), sell when it crosses down through `overbought` (70). A cross that jumps
 *   past `exitLevel` in one bar is no entry: the reversion it bets on has already happened.
 *
 * "Crosses up through L" means: at or below L on the previous bar, above it now.
 */
import type { Timeframe } from '../../mtf/timeframes.ts';
import { StrategyParamError } from '../params.ts';
import type {
  BarEvent,
  ParamSpec,
  ParamValues,
  StrategyContext,
  StrategyModule,
} from '../types.ts';
import {
  crossedAbove,
  crossedBelow,
  lotsParam,
  numberParam,
  stopParams,
  stopsInPips,
  unitsOf,
  timeframeParam,
  sizeAndStops,
  type SizeAndStops,
} from './common.ts';

interface Settings extends SizeAndStops {
  timeframe: Timeframe;
  rsi: string;
  oversold: number;
  overbought: number;
  exitLevel: number;
}

function settings(params: Readonly<ParamValues>): Settings {
  const oversold = numberParam(params, 'oversold');
  const overbought = numberParam(params, 'overbought');
  const exitLevel = numberParam(params, 'exitLevel');
  if (!(oversold < exitLevel && exitLevel < overbought))
    throw new StrategyParamError(
      `rsi-reversion: needs oversold < exitLevel < overbought, got ${oversold} / ${exitLevel} / ${overbought}`,
    );
  return {
    timeframe: timeframeParam(params, 'timeframe'),
    rsi: `rsi(${numberParam(params, 'period')})`,
    oversold,
    overbought,
    exitLevel,
    ...sizeAndStops(params),
  };
}

function onBar(ctx: StrategyContext, ev: BarEvent): void {
  const s = settings(ctx.params);
  if (ev.timeframe !== s.timeframe) return;
  const { symbol } = ev;
  const prev = ctx.indicator(symbol, s.timeframe, s.rsi, 1);
  const now = ctx.indicator(symbol, s.timeframe, s.rsi, 0);
  const up = (level: number) => crossedAbove(prev, now, level, level);
  const down = (level: number) => crossedBelow(prev, now, level, level);

  const side = ctx.account.position(symbol).side;
  let flat = side === 'flat';
  if ((side === 'long' && up(s.exitLevel)) || (side === 'short' && down(s.exitLevel))) {
    ctx.close(symbol);
    flat = true;
  }
  if (!flat) return;
  const size = unitsOf(ctx, symbol, s.lots);
  if (up(s.oversold) && now < s.exitLevel) {
    ctx.buy(
      symbol,
      size,
      stopsInPips(ctx, symbol, 'long', ev.bar.close, s.stopLossPips, s.takeProfitPips),
    );
  } else if (down(s.overbought) && now > s.exitLevel) {
    ctx.sell(
      symbol,
      size,
      stopsInPips(ctx, symbol, 'short', ev.bar.close, s.stopLossPips, s.takeProfitPips),
    );
  }
}

const level = (name: string, label: string, def: number, description: string): ParamSpec => ({
  name,
  label,
  type: 'number',
  default: def,
  min: 0,
  max: 100,
  description,
});

export const rsiReversion: StrategyModule = {
  name: 'rsi-reversion',
  description:
    'Mean reversion on RSI: buy out of oversold, sell out of overbought, exit at the middle',
  params: [
    {
      name: 'timeframe',
      label: 'Timeframe',
      type: 'timeframe',
      default: 'M15',
      description: 'bars RSI is built on',
    },
    {
      name: 'period',
      label: 'RSI period',
      type: 'integer',
      default: 14,
      min: 2,
      max: 1000,
      description: 'RSI period',
    },
    level('oversold', 'Oversold level', 30, 'buy when RSI crosses up through this level'),
    level('overbought', 'Overbought level', 70, 'sell when RSI crosses down through this level'),
    level(
      'exitLevel',
      'Exit level',
      50,
      'close when RSI crosses this level in favour of the trade',
    ),
    lotsParam(),
    ...stopParams(),
  ],
  requires(params) {
    const s = settings(params);
    return { timeframes: [s.timeframe], indicators: [s.rsi] };
  },
  init(ctx) {
    settings(ctx.params);
  },
  onBar,
};
