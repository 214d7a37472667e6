/**
 * Indicator series → what the chart draws: one line per column, on the candles' pane for
 * 'price' placement (bbands/keltner/donchian give three lines; SAR is drawn as dots) or in a pane
 * of its own below for 'pane' placement (MACD's histogram column as a histogram; RSI and the
 * stochastic with their usual 30/70 and 20/80 guide levels).
 */
import type { ChartCache } from './chart-rows.ts';

export interface IndicatorLine {
  /** spec + column: stable across reloads, so the chart can update a series in place. */
  key: string;
  spec: string;
  column: string;
  /** 0 = the candles' pane; 1.. = the panes below, one per 'pane' indicator in spec order. */
  pane: number;
  style: 'line' | 'dots' | 'histogram';
  /** Index into the palette, so the lines of one indicator differ. */
  colour: number;
  /** Horizontal guide levels drawn on the pane (once per indicator, on its first column). */
  levels: number[];
  /** One point per loaded bar; value null while warming up (a gap). */
  points: { time: number; value: number | null }[];
}

const LEVELS: Record<string, number[]> = { rsi: [30, 70], stoch: [20, 80] };

/** The indicator's name, the part of the spec before its parameters ('bbands(20,2)' → 'bbands'). */
export function indicatorName(spec: string): string {
  return spec.replace(/\(.*$/, '').trim().toLowerCase();
}

function styleOf(name: string, column: string): IndicatorLine['style'] {
  if (name === 'sar' || name === 'psar') return 'dots';
  if (/hist/i.test(column)) return 'histogram';
  return 'line';
}

/** A spec as typed and as the registry writes it back compare equal ('EMA( 30)' ~ 'ema(30)'). */
export function sameSpec(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
}

/** The lines of the specs asked for (in that order) that the cache has values for. */
export function indicatorLines(cache: ChartCache, specs: string[]): IndicatorLine[] {
  const out: IndicatorLine[] = [];
  let pane = 0;
  let colour = 0;
  for (const asked of specs) {
    const spec = Object.keys(cache.series).find((s) => sameSpec(s, asked));
    const series = spec === undefined ? undefined : cache.series[spec];
    if (spec === undefined || !series) continue;
    const name = indicatorName(spec);
    const paneIndex = series.placement === 'pane' ? ++pane : 0;
    series.columns.forEach((column, c) => {
      out.push({
        key: `${spec}|${column}`,
        spec,
        column,
        pane: paneIndex,
        style: styleOf(name, column),
        colour: colour++,
        levels: c === 0 ? (LEVELS[name] ?? []) : [],
        points: cache.rows.map((r) => ({ time: r.bar.time, value: r.ind[spec]?.[c] ?? null })),
      });
    });
  }
  return out;
}
