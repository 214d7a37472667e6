/**
 * Equity (and balance) over simulated time as a line chart: the live curve of a running run and
 * the stored curve of a finished one. Fixed pixel size from ChartBox; no animation (it updates
 * ten times a second).
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from './ChartBox.tsx';
import { money, timeAxisLabel, utc } from './format.ts';
import type { EquitySample } from './useRunLive.ts';

export const CHART_COLORS = {
  equity: '#3d9bff',
  balance: '#8b96a5',
  grid: '#242b35',
  axis: '#7b8594',
  up: '#3fbf7f',
  down: '#f0565e',
};

export const TOOLTIP_STYLE = { background: '#151a21', border: '1px solid #323b47', fontSize: 12 };

/** [first, last] time of the data, widened when they are equal (one sample) so ticks differ. */
export function timeDomain(data: { time: number }[]): [number, number] {
  const lo = data[0]?.time ?? 0;
  const hi = data[data.length - 1]?.time ?? 0;
  return hi > lo ? [lo, hi] : [lo - 60_000, hi + 60_000];
}

export function EquityChart({
  data,
  height = 220,
  empty,
}: {
  data: EquitySample[];
  height?: number;
  empty: string;
}) {
  if (data.length === 0) {
    return (
      <div className="bt-chart-empty muted" style={{ height }}>
        {empty}
      </div>
    );
  }
  const domain = timeDomain(data);
  const label = timeAxisLabel(domain[1] - domain[0]);
  return (
    <ChartBox height={height} label="Equity curve">
      {(width, h) => (
        <LineChart
          width={width}
          height={h}
          data={data}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            domain={domain}
            tickFormatter={label}
            stroke={CHART_COLORS.axis}
            fontSize={11}
            minTickGap={40}
          />
          <YAxis
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => money(v)}
            stroke={CHART_COLORS.axis}
            fontSize={11}
            width={80}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(t) => utc(Number(t))}
            formatter={(v, name) => [money(Number(v)), String(name)]}
          />
          <Line
            type="linear"
            dataKey="balance"
            name="Balance"
            stroke={CHART_COLORS.balance}
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey="equity"
            name="Equity"
            stroke={CHART_COLORS.equity}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartBox>
  );
}
