/**
 * The stored equity curve (equity as an area, balance as a line) and the drawdown below it
 * (percent under the running peak, drawn downwards), on one simulated-time axis.
 */
import { Area, AreaChart, CartesianGrid, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { EquityPoint } from '../../../../shared/dto.ts';
import { ChartBox } from '../run/ChartBox.tsx';
import { CHART_COLORS, timeDomain, TOOLTIP_STYLE } from '../run/EquityChart.tsx';
import { fixed, money, timeAxisLabel, utc } from '../run/format.ts';

export function ResultCharts({ equity }: { equity: EquityPoint[] }) {
  if (equity.length === 0) {
    return <p className="muted">No equity samples stored for this run.</p>;
  }
  const data = equity.map((p) => ({
    time: p.time,
    equity: p.equity,
    balance: p.balance,
    drawdownPct: -Math.abs(p.drawdownPct),
    drawdown: -Math.abs(p.drawdown),
  }));
  const domain = timeDomain(data);
  const label = timeAxisLabel(domain[1] - domain[0]);
  const xAxis = (
    <XAxis
      dataKey="time"
      type="number"
      domain={domain}
      tickFormatter={label}
      stroke={CHART_COLORS.axis}
      fontSize={11}
      minTickGap={40}
    />
  );
  return (
    <>
      <ChartBox height={240} label="Equity chart">
        {(width, height) => (
          <AreaChart
            width={width}
            height={height}
            data={data}
            syncId="results"
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" />
            {xAxis}
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
            <Area
              type="linear"
              dataKey="equity"
              name="Equity"
              stroke={CHART_COLORS.equity}
              fill={CHART_COLORS.equity}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="balance"
              name="Balance"
              stroke={CHART_COLORS.balance}
              strokeDasharray="4 3"
              dot={false}
              isAnimationActive={false}
            />
          </AreaChart>
        )}
      </ChartBox>
      <ChartBox height={130} label="Drawdown chart">
        {(width, height) => (
          <AreaChart
            width={width}
            height={height}
            data={data}
            syncId="results"
            margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" />
            {xAxis}
            <YAxis
              domain={['auto', 0]}
              tickFormatter={(v: number) => `${fixed(v, 1)}%`}
              stroke={CHART_COLORS.axis}
              fontSize={11}
              width={80}
            />
            <Tooltip
              contentStyle={TOOLTIP_STYLE}
              labelFormatter={(t) => utc(Number(t))}
              formatter={(v, name) => [`${fixed(Number(v), 2)}%`, String(name)]}
            />
            <Area
              type="linear"
              dataKey="drawdownPct"
              name="Drawdown"
              stroke={CHART_COLORS.down}
              fill={CHART_COLORS.down}
              fillOpacity={0.25}
              isAnimationActive={false}
            />
          </AreaChart>
        )}
      </ChartBox>
    </>
  );
}
