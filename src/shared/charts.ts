/**
 * The price chart's data (issue 13): candles of one symbol and timeframe of a run, loaded by
 * visible range, with the indicator series computed over exactly those candles. One definition
 * for the backend (services/charts), the IPC contract and the renderer's chart.
 */
import { z } from 'zod';
import { symbolSchema, timeframeSchema } from './field-schemas.ts';

/** Most candles one request returns: a wide screen shows a few thousand, never 370 k at once. */
export const MAX_CHART_BARS = 20_000;
/** Most indicator specs one request may ask for. */
export const MAX_CHART_INDICATORS = 12;

export const chartBarsArgsSchema = z.object({
  runId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/, 'not a run id'),
  symbol: symbolSchema,
  timeframe: timeframeSchema,
  /**
   * Bar open times (ms UTC), inclusive. from null: from the first bar; to null: up to the newest.
   * When more than maxBars fall inside, the ones nearest `anchor` are returned (default: the
   * newest), so panning either way stays bounded.
   */
  from: z.number().finite().nullable(),
  to: z.number().finite().nullable(),
  maxBars: z.number().int().min(1).max(MAX_CHART_BARS),
  anchor: z.enum(['from', 'to']).optional(),
  /** Indicator specs as the registry parses them ('ema(30)', 'bbands(20,2)'); default none. */
  indicators: z.array(z.string().min(1).max(64)).max(MAX_CHART_INDICATORS).optional(),
});
export type ChartBarsArgs = z.input<typeof chartBarsArgsSchema>;

export interface ChartCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Where an indicator is drawn: over the candles, or in a pane of its own below them. */
export type ChartPlacement = 'price' | 'pane';

export interface ChartIndicatorSeries {
  /** Canonical spec ('bbands(20,2)'). */
  spec: string;
  placement: ChartPlacement;
  /** Column names ('bbands_20_2_upper', …), one value array per column, aligned with `bars`. */
  columns: string[];
  /** null while the indicator warms up (it is computed from bars before `from` when there are). */
  values: (number | null)[][];
}

export interface ChartData {
  symbol: string;
  timeframe: string;
  /** 'stored': the run's recorded bars; 'rebuilt': rebuilt from the ticks (run recorded none). */
  source: 'stored' | 'rebuilt';
  bars: ChartCandle[];
  indicators: ChartIndicatorSeries[];
  /** Open times of the first and newest bar the run has for this series; null when none. */
  extent: { first: number; last: number } | null;
  /** Whether bars exist before the first / after the last one returned. */
  moreBefore: boolean;
  moreAfter: boolean;
  /** An indicator spec the registry refused, with the reason; the others are still returned. */
  errors: string[];
}
