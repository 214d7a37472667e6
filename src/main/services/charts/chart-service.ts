/**
 * `charts:bars`: the candles of one symbol and timeframe of a run in a time window, with the
 * indicator series computed over them. Bars come from the run's store when it recorded them, else
 * they are rebuilt from its ticks (RebuiltBarsCache).
 */
import type { ChartBarsArgs, ChartData } from '../../../shared/charts.ts';
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { Db } from '../db/database.ts';
import { recordsBars, type RunRecord } from '../runs/run-config.ts';
import type { BarSource } from './bar-source.ts';
import { indicatorSeries, parseChartIndicators, warmupBarsFor } from './chart-indicators.ts';
import { readWindow } from './chart-window.ts';
import type { RebuiltBarsCache } from './rebuilt-bars.ts';
import { hasStoredBars, storedBarSource } from './stored-bar-source.ts';

/** A request the run cannot answer: the message names the field. */
export class ChartRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartRequestError';
  }
}

export function chartBars(
  db: Db,
  rebuilt: RebuiltBarsCache,
  run: RunRecord,
  args: ChartBarsArgs,
): ChartData {
  const { symbol, timeframe } = args;
  const { symbols, timeframes } = run.config;
  if (!symbols.includes(symbol))
    throw new ChartRequestError(
      `symbol: run '${run.id}' has no symbol '${symbol}' (it has ${symbols.join(', ')})`,
    );
  if (!(timeframes as string[]).includes(timeframe))
    throw new ChartRequestError(
      `timeframe: run '${run.id}' has no timeframe '${timeframe}' (it has ${timeframes.join(', ')})`,
    );
  if (args.from !== null && args.to !== null && args.from > args.to)
    throw new ChartRequestError(`from (${args.from}) is after to (${args.to})`);

  const { indicators, errors } = parseChartIndicators(args.indicators ?? []);
  const source = barSourceOf(db, rebuilt, run, symbol, timeframe as Timeframe);
  const warmup = Math.max(0, ...indicators.map((i) => warmupBarsFor(i, timeframe as Timeframe)));
  const w = readWindow(source, {
    from: args.from,
    to: args.to,
    maxBars: args.maxBars,
    anchor: args.anchor ?? 'to',
    warmup,
  });
  return {
    symbol,
    timeframe,
    source: source.kind,
    bars: w.bars,
    indicators: indicators.map((ind) => indicatorSeries(ind, w.warmupBars, w.bars)),
    extent: w.extent,
    moreBefore: w.moreBefore,
    moreAfter: w.moreAfter,
    errors,
  };
}

/**
 * Stored when the run records bars (or, recorded by an older version, has some): a running run
 * that has closed no bar yet shows none rather than rebuilding what it is about to store.
 */
function barSourceOf(
  db: Db,
  rebuilt: RebuiltBarsCache,
  run: RunRecord,
  symbol: string,
  tf: Timeframe,
): BarSource {
  const series = { runId: run.id, symbol, timeframe: tf };
  if (recordsBars(run.config) || hasStoredBars(db, series)) return storedBarSource(db, series);
  return rebuilt.source(db, run, symbol, tf);
}
