/**
 * MA cross — a trend-following moving-average crossover with a higher-timeframe trend filter.
 *
 * On every closed bar of `timeframe` (default H1), for each symbol on its own:
 * - A bullish cross: the fast MA was at or below the slow MA on the previous bar and is above it
 *   now. A bearish cross is the mirror.
 * - A cross against the open position closes it (exit on the opposite cross).
 * - A bullish cross then buys `lots` if the last closed bar of `trendTimeframe` (default D1) closed
 *   above its `trendPeriod` MA; a bearish cross sells if that close is below it. So a position
 *   reverses when the trend agrees, and otherwise goes flat and waits for the next cross.
 * - Optional stop-loss / take-profit in pips from the close of the signal bar. The market order
 *   fills on the next tick, so the real distance differs from it by the spread and any gap.
 *
 * Both MAs and the trend MA are `maType` (EMA or SMA) of the bar closes. The trend bar is a closed
 * one: the filter never looks at a day that is still forming.
 */
import { sortTimeframes, TIMEFRAME_MS, type Timeframe } from '../../mtf/timeframes.ts';
import { StrategyParamError } from '../params.ts';
import type { BarEvent, ParamValues, StrategyContext, StrategyModule } from '../types.ts';
import {
  crossedAbove,
  crossedBelow,
  lotsParam,
  numberParam,
  stopParams,
  stopsInPips,
  unitsOf,
  stringParam,
  timeframeParam,
  uniqueSpecs,
  sizeAndStops,
  type SizeAndStops,
} from './common.ts';

interface Settings extends SizeAndStops {
  timeframe: Timeframe;
  trendTimeframe: Timeframe;
  fast: string;
  slow: string;
  trend: string;
}

/** Reads the params and refuses combinations that cannot work. */
function settings(params: Readonly<ParamValues>): Settings {
  const fast = numberParam(params, 'fast');
  const slow = numberParam(params, 'slow');
  if (fast >= slow)
    throw new StrategyParamError(
      `ma-cross: fast (${fast}) must be less than slow (${slow}): the fast MA is the shorter one`,
    );
  const timeframe = timeframeParam(params, 'timeframe');
  const trendTimeframe = timeframeParam(params, 'trendTimeframe');
  if (TIMEFRAME_MS[trendTimeframe] < TIMEFRAME_MS[timeframe])
    throw new StrategyParamError(
      `ma-cross: trendTimeframe (${trendTimeframe}) must not be shorter than timeframe (${timeframe})`,
    );
  const maType = stringParam(params, 'maType');
  return {
    timeframe,
    trendTimeframe,
    fast: `${maType}(${fast})`,
    slow: `${maType}(${slow})`,
    trend: `${maType}(${numberParam(params, 'trendPeriod')})`,
    ...sizeAndStops(params),
  };
}

/** Whether the last closed trend bar is on the side of the trend MA that `bullish` needs. */
function trendAgrees(ctx: StrategyContext, s: Settings, symbol: string, bullish: boolean): boolean {
  const bar = ctx.bar(symbol, s.trendTimeframe, 0);
  const ma = ctx.indicator(symbol, s.trendTimeframe, s.trend, 0);
  if (bar === undefined) return false;
  return bullish ? bar.close > ma : bar.close < ma;
}

function onBar(ctx: StrategyContext, ev: BarEvent): void {
  const s = settings(ctx.params);
  if (ev.timeframe !== s.timeframe) return;
  const { symbol } = ev;
  const fastPrev = ctx.indicator(symbol, s.timeframe, s.fast, 1);
  const fastNow = ctx.indicator(symbol, s.timeframe, s.fast, 0);
  const slowPrev = ctx.indicator(symbol, s.timeframe, s.slow, 1);
  const slowNow = ctx.indicator(symbol, s.timeframe, s.slow, 0);
  const bullish = crossedAbove(fastPrev, fastNow, slowPrev, slowNow);
  if (!bullish && !crossedBelow(fastPrev, fastNow, slowPrev, slowNow)) return;

  const wanted = bullish ? 'long' : 'short';
  const side = ctx.account.position(symbol).side;
  if (side === wanted) return;
  if (side !== 'flat') ctx.close(symbol);
  if (!trendAgrees(ctx, s, symbol, bullish)) return;
  const stops = stopsInPips(ctx, symbol, wanted, ev.bar.close, s.stopLossPips, s.takeProfitPips);
  const size = unitsOf(ctx, symbol, s.lots);
  if (bullish) ctx.buy(symbol, size, stops);
  else ctx.sell(symbol, size, stops);
}

export const maCross: StrategyModule = {
  name: 'ma-cross',
  description:
    'Fast/slow moving-average crossover, trading only in the direction of a higher-timeframe trend MA',
  params: [
    {
      name: 'timeframe',
      label: 'Timeframe',
      type: 'timeframe',
      default: 'H1',
      description: 'bars the MAs are built on',
    },
    {
      name: 'fast',
      label: 'Fast MA period',
      type: 'integer',
      default: 10,
      min: 2,
      max: 1000,
      description: 'fast MA period',
    },
    {
      name: 'slow',
      label: 'Slow MA period',
      type: 'integer',
      default: 30,
      min: 3,
      max: 1000,
      description: 'slow MA period',
    },
    {
      name: 'maType',
      label: 'MA type',
      type: 'string',
      default: 'ema',
      choices: ['ema', 'sma'],
      description: 'moving average type of all three MAs',
    },
    {
      name: 'trendTimeframe',
      label: 'Trend timeframe',
      type: 'timeframe',
      default: 'D1',
      description: 'timeframe of the trend filter',
    },
    {
      name: 'trendPeriod',
      label: 'Trend MA period',
      type: 'integer',
      default: 50,
      min: 2,
      max: 1000,
      description: 'period of the trend MA; longs need a close above it, shorts below',
    },
    lotsParam(),
    ...stopParams(),
  ],
  requires(params) {
    const s = settings(params);
    return {
      timeframes: sortTimeframes([s.timeframe, s.trendTimeframe]),
      indicators: uniqueSpecs([s.fast, s.slow, s.trend]),
    };
  },
  init(ctx) {
    settings(ctx.params);
  },
  onBar,
};
