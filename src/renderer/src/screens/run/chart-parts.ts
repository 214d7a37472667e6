/**
 * The recharts settings every chart of the app shares, as props to spread: colours, the grid,
 * the simulated-time X axis, a value Y axis, the tooltip and a series' common settings. A chart
 * states only its data, its series and its formats.
 */
import { timeAxisLabel, utc } from './format.ts';

/** CSS variables (styles.css), which SVG strokes and fills accept: the charts follow the theme. */
export const COLORS = {
  balance: 'var(--chart-balance)',
  grid: 'var(--chart-grid)',
  axis: 'var(--chart-axis)',
  up: 'var(--ok)',
  down: 'var(--danger)',
  margin: 'var(--chart-margin)',
};

/** The equity line's colour: green when the curve ends at or above its start, red below. */
export function equityColor(data: readonly { equity: number }[]): string {
  const first = data[0]?.equity ?? 0;
  const last = data[data.length - 1]?.equity ?? first;
  return last >= first ? COLORS.up : COLORS.down;
}

export const TOOLTIP_STYLE = {
  background: 'var(--panel)',
  border: '1px solid var(--border-strong)',
  color: 'var(--text)',
  fontSize: 12,
};

const AXIS = { stroke: COLORS.axis, fontSize: 11 };

/** Plot margin; `top` is the room above the highest point. */
export function margin(top: number) {
  return { top, right: 12, bottom: 0, left: 0 };
}

/** For <CartesianGrid>. */
export const GRID = { stroke: COLORS.grid, strokeDasharray: '3 3' };

/** [first, last] time of the data, widened when they are equal (one sample) so ticks differ. */
export function timeDomain(data: { time: number }[]): [number, number] {
  const lo = data[0]?.time ?? 0;
  const hi = data[data.length - 1]?.time ?? 0;
  return hi > lo ? [lo, hi] : [lo - 60_000, hi + 60_000];
}

/** For <XAxis>: `time` of the data over its span, ticks labelled to suit the span. */
export function timeAxisProps(data: { time: number }[]) {
  const domain = timeDomain(data);
  return {
    ...AXIS,
    dataKey: 'time',
    type: 'number' as const,
    domain,
    tickFormatter: timeAxisLabel(domain[1] - domain[0]),
    minTickGap: 40,
  };
}

/** For <YAxis>: values within `domain`, ticks written by `format`. */
export function valueAxisProps(
  domain: [number | 'auto', number | 'auto'],
  format: (v: number) => string,
) {
  return { ...AXIS, domain, tickFormatter: (v: number) => format(v), width: 80 };
}

/**
 * For a <YAxis> with explicit ticks (niceTicks): every tick drawn (interval 0, so recharts skips
 * none) and the axis as wide as its longest label (~6.5 px a character at 11 px, plus the tick).
 */
export function tickedAxisProps(ticks: number[], format: (v: number) => string) {
  const longest = Math.max(...ticks.map((t) => format(t).length), 1);
  return {
    ...AXIS,
    domain: [ticks[0] ?? 0, ticks[ticks.length - 1] ?? 0] as [number, number],
    ticks,
    interval: 0 as const,
    tickFormatter: (v: number) => format(v),
    width: Math.ceil(longest * 6.5) + 14,
  };
}

/**
 * For <Tooltip>: the UTC time, then each series as 'Balance: 4,592.00' (recharts' default
 * separator is ' : ', which reads as a stray space).
 */
export function tooltipProps(format: (v: number) => string) {
  return {
    contentStyle: TOOLTIP_STYLE,
    labelStyle: { color: 'var(--text-strong)' },
    separator: ': ',
    labelFormatter: (t: unknown) => utc(Number(t)),
    formatter: (v: unknown, name: unknown): [string, string] => [format(Number(v)), String(name)],
  };
}

/** For a <Line> or <Area>: straight segments in `color`, no animation (data updates live). */
export function seriesProps(dataKey: string, name: string, color: string) {
  return { type: 'linear' as const, dataKey, name, stroke: color, isAnimationActive: false };
}

/** For the dashed <Line> of the account balance. */
export const BALANCE_LINE = {
  ...seriesProps('balance', 'Balance', COLORS.balance),
  strokeDasharray: '4 3',
  dot: false,
};
