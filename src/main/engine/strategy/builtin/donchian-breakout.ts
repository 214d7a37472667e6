/**
 * Donchian breakout — the classic channel breakout (the Turtles' system 1 without pyramiding).
 *
 * On every closed bar of `timeframe` (default H4), for each symbol on its own:
 * - Entry, when flat: buy when the bar closes above the previous bar's `period` (20) channel
 *   high, sell when it closes below the previous bar's channel low. (The channel of the bar itself
 *   contains its own high, so a close can never be above it: the previous bar's channel is the
 *   level that was known before the breakout.)
 * - Stop: `atrMult` (2) × ATR(`atrPeriod`, 14) from the close of the entry bar, attached to the
 *   entry order; on every later bar it is trailed with setStops to the same distance from the
 *   new close, but only ever towards profit.
 * - Exit: a long closes when a bar closes below the previous bar's `exitPeriod` (10) channel low,
 *   a short when a bar closes above its channel high. An exit and an opposite breakout on the same
 *   bar close the position and open the other side.
 */
import { createIndicator } from '../../indicators/index.ts';
import type { Timeframe } from '../../mtf/timeframes.ts';
import { StrategyParamError } from '../params.ts';
import type {
  BarEvent,
  ParamValues,
  PositionView,
  StrategyContext,
  StrategyModule,
} from '../types.ts';
import { lotsParam, numberParam, timeframeParam, uniqueSpecs, unitsOf } from './common.ts';

interface Settings {
  timeframe: Timeframe;
  entry: string;
  exit: string;
  atr: string;
  atrMult: number;
  lots: number;
}

/** Export column names of a channel, as ctx.indicator() takes them. */
interface ChannelColumns {
  upper: string;
  lower: string;
}

function settings(params: Readonly<ParamValues>): Settings {
  return {
    timeframe: timeframeParam(params, 'timeframe'),
    entry: `donchian(${numberParam(params, 'period')})`,
    exit: `donchian(${numberParam(params, 'exitPeriod')})`,
    atr: `atr(${numberParam(params, 'atrPeriod')})`,
    atrMult: numberParam(params, 'atrMult'),
    lots: numberParam(params, 'lots'),
  };
}

/** Asks the registry for the names instead of repeating its naming scheme here. */
function channelColumns(spec: string): ChannelColumns {
  const [upper, , lower] = createIndicator(spec).columns;
  if (upper === undefined || lower === undefined)
    throw new StrategyParamError(`donchian-breakout: ${spec} has no upper/lower columns`);
  return { upper, lower };
}

/** The column names, worked out once in init: onBar must not build indicators per bar. */
function columnsOf(ctx: StrategyContext): { entry: ChannelColumns; exit: ChannelColumns } {
  return ctx.state.columns as { entry: ChannelColumns; exit: ChannelColumns };
}

/** Moves the stop of an open position to `distance` from `close` if that is closer to profit. */
function trailStop(ctx: StrategyContext, pos: PositionView, close: number, distance: number): void {
  if (!Number.isFinite(distance)) return;
  const stop = pos.side === 'long' ? close - distance : close + distance;
  const better =
    pos.stopLoss === null || (pos.side === 'long' ? stop > pos.stopLoss : stop < pos.stopLoss);
  if (better) ctx.setStops(pos.symbol, stop, pos.takeProfit);
}

function onBar(ctx: StrategyContext, ev: BarEvent): void {
  const s = settings(ctx.params);
  if (ev.timeframe !== s.timeframe) return;
  const { symbol, bar } = ev;
  const cols = columnsOf(ctx);
  const at = (column: string, ago: number) => ctx.indicator(symbol, s.timeframe, column, ago);
  const distance = s.atrMult * at(s.atr, 0);

  const pos = ctx.account.position(symbol);
  let flat = pos.side === 'flat';
  if (pos.side === 'long' && bar.close < at(cols.exit.lower, 1)) flat = true;
  else if (pos.side === 'short' && bar.close > at(cols.exit.upper, 1)) flat = true;
  else if (!flat) trailStop(ctx, pos, bar.close, distance);
  if (!flat) return;
  if (pos.side !== 'flat') ctx.close(symbol);

  // No entry without a stop: ATR is NaN while it warms up.
  if (!Number.isFinite(distance)) return;
  const size = unitsOf(ctx, symbol, s.lots);
  if (bar.close > at(cols.entry.upper, 1)) {
    ctx.buy(symbol, size, { stopLoss: bar.close - distance });
  } else if (bar.close < at(cols.entry.lower, 1)) {
    ctx.sell(symbol, size, { stopLoss: bar.close + distance });
  }
}

export const donchianBreakout: StrategyModule = {
  name: 'donchian-breakout',
  description: 'Donchian channel breakout with an exit channel and a trailing ATR stop',
  params: [
    {
      name: 'timeframe',
      label: 'Timeframe',
      type: 'timeframe',
      default: 'H4',
      description: 'bars the channels use',
    },
    {
      name: 'period',
      label: 'Entry channel (bars)',
      type: 'integer',
      default: 20,
      min: 2,
      max: 1000,
      description: 'entry channel: bars whose high/low a close must break',
    },
    {
      name: 'exitPeriod',
      label: 'Exit channel (bars)',
      type: 'integer',
      default: 10,
      min: 1,
      max: 1000,
      description: 'exit channel: a close through its opposite side ends the trade',
    },
    {
      name: 'atrPeriod',
      label: 'ATR period',
      type: 'integer',
      default: 14,
      min: 1,
      max: 1000,
      description: 'ATR period',
    },
    {
      name: 'atrMult',
      label: 'ATR stop multiple',
      type: 'number',
      default: 2,
      min: 0.1,
      max: 100,
      description: 'stop distance in ATRs from the close',
    },
    lotsParam(),
  ],
  requires(params) {
    const s = settings(params);
    return { timeframes: [s.timeframe], indicators: uniqueSpecs([s.entry, s.exit, s.atr]) };
  },
  init(ctx) {
    const s = settings(ctx.params);
    ctx.state.columns = { entry: channelColumns(s.entry), exit: channelColumns(s.exit) };
  },
  onBar,
};
