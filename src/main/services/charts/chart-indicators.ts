/**
 * The indicator series drawn with a chart window. Each spec's incremental indicator (the run's
 * own code, engine/indicators) is fed warm-up bars before the window, then the window's bars, so
 * the values on screen are the ones the run computed — null only where the series itself had too
 * little history. A bad spec becomes an entry in `errors`; the others are still served.
 */
import type { ChartCandle, ChartIndicatorSeries, ChartPlacement } from '../../../shared/charts.ts';
import { createIndicator, type Indicator } from '../../engine/indicators/index.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../engine/mtf/timeframes.ts';

/** Drawn over the candles (price units); every other indicator gets a pane of its own. */
const ON_PRICE = new Set([
  'sma',
  'ema',
  'wma',
  'dema',
  'tema',
  'bbands',
  'keltner',
  'donchian',
  'sar',
  'vwap',
]);

/**
 * Exponential smoothing (EMA, RSI, ATR, ADX, MACD…) remembers every bar with a weight decaying
 * like (1 - 2/(n+1))^k: after ten lookbacks plus this margin the start no longer shows in a double.
 */
const SMOOTHING_LOOKBACKS = 10;
const SMOOTHING_MARGIN = 200;

export function placementOf(spec: string): ChartPlacement {
  return ON_PRICE.has(spec.replace(/\(.*$/, '')) ? 'price' : 'pane';
}

/**
 * Bars before the window this indicator needs to equal the run's values: OBV is a running sum
 * from the series' first bar (all of them); VWAP sums from the start of the UTC day.
 */
export function warmupBarsFor(ind: Indicator, timeframe: Timeframe): number {
  const name = ind.spec.replace(/\(.*$/, '');
  if (name === 'obv') return Infinity;
  if (name === 'vwap') return Math.ceil(86_400_000 / TIMEFRAME_MS[timeframe]);
  return ind.firstOutputIndex * (SMOOTHING_LOOKBACKS + 1) + SMOOTHING_MARGIN;
}

export interface ParsedIndicators {
  indicators: Indicator[];
  errors: string[];
}

/** Creates each spec's indicator; a refused spec is reported by name with the registry's reason. */
export function parseChartIndicators(specs: readonly string[]): ParsedIndicators {
  const indicators: Indicator[] = [];
  const errors: string[] = [];
  for (const spec of specs) {
    try {
      const ind = createIndicator(spec);
      if (indicators.some((i) => i.spec === ind.spec))
        errors.push(`indicator '${spec}': listed twice`);
      else indicators.push(ind);
    } catch (e) {
      errors.push(`indicator '${spec}': ${(e as Error).message}`);
    }
  }
  return { indicators, errors };
}

/** Runs `ind` over warm-up then window bars; values aligned with `bars`, NaN → null. */
export function indicatorSeries(
  ind: Indicator,
  warmupBars: readonly ChartCandle[],
  bars: readonly ChartCandle[],
): ChartIndicatorSeries {
  const width = ind.columns.length;
  const row = new Float64Array(width);
  const values: (number | null)[][] = ind.columns.map(() => new Array<number | null>(bars.length));
  for (const bar of warmupBars) ind.update(bar);
  bars.forEach((bar, i) => {
    ind.update(bar);
    ind.read(row, 0);
    for (let k = 0; k < width; k++) values[k][i] = Number.isNaN(row[k]) ? null : row[k];
  });
  return { spec: ind.spec, placement: placementOf(ind.spec), columns: [...ind.columns], values };
}
