/**
 * The recharts settings every chart of the app shares, as props to spread: colours, the grid,
 * the simulated-time X axis, a value Y axis, the tooltip and a series' common settings. A chart
 * states only its data, its series and its formats.
 */
import { timeAxisLabel, utc } from './format.ts';

export const COLORS = {
  equity: '#3d9bff',
  balance: '#8b96a5',
  grid: '#242b35',
  axis: '#7b8594',
  up: '#3fbf7f',
  down: '#f0565e',
  margin: '#e0a030',
};

export const TOOLTIP_STYLE = { background: '#151a21', border: '1px solid #323b47', fontSize: 12 };

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

/** For <Tooltip>: the UTC time, then each series' value written by `format`. */
export function tooltipProps(format: (v: number) => string) {
  return {
    contentStyle: TOOLTIP_STYLE,
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
