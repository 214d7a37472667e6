/**
 * The stored equity curve (equity as an area, balance as a line), the drawdown below it
 * (percent under the running peak, drawn downwards) and, when the run used margin, the margin
 * level in a pane of its own (percent; gaps where no position was open), on one time axis.
 * Equity is green when the run ended at or above its start, red below (by the sign of the result).
 */
import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { EquityPoint } from '../../../../shared/dto.ts';
import { ChartBox } from '../run/ChartBox.tsx';
import * as chart from '../run/chart-parts.ts';
import { ChartLegend, equityLegend } from '../run/ChartLegend.tsx';
import { money, percent } from '../run/format.ts';
import { niceTicks, tickDecimals } from '../run/nice-ticks.ts';

const drawdownValue = (v: number) => percent(v, 2);
const levelTick = (v: number) => percent(v, 0);

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
    // null (no margin used) leaves a gap: a level of 0 % would read as a margin call.
    marginLevel: p.marginLevel ?? null,
  }));
  const usesMargin = equity.some((p) => p.marginLevel !== null && p.marginLevel !== undefined);
  const xAxis = <XAxis {...chart.timeAxisProps(data)} />;
  const equityColor = chart.equityColor(data);
  // Explicit ticks from 0 down to the deepest drawdown: recharts' own skipped labels when crowded.
  const ddTicks = niceTicks(Math.min(0, ...data.map((p) => p.drawdownPct)), 0, 4);
  const ddDecimals = tickDecimals(ddTicks);
  const drawdownTick = (v: number) => percent(v, ddDecimals);
  return (
    <>
      <ChartBox height={240} label="Equity chart">
        {(width, height) => (
          <AreaChart {...{ width, height, data }} syncId="results" margin={chart.margin(8)}>
            <CartesianGrid {...chart.GRID} />
            {xAxis}
            <YAxis {...chart.valueAxisProps(['auto', 'auto'], money)} />
            <Tooltip {...chart.tooltipProps(money)} />
            <Area
              {...chart.seriesProps('equity', 'Equity', equityColor)}
              fill={equityColor}
              fillOpacity={0.15}
            />
            <Line {...chart.BALANCE_LINE} />
          </AreaChart>
        )}
      </ChartBox>
      <ChartLegend items={equityLegend(equityColor, chart.COLORS.balance)} />
      <ChartBox height={130} label="Drawdown chart">
        {(width, height) => (
          <AreaChart {...{ width, height, data }} syncId="results" margin={chart.margin(4)}>
            <CartesianGrid {...chart.GRID} />
            {xAxis}
            <YAxis {...chart.tickedAxisProps(ddTicks, drawdownTick)} />
            <Tooltip {...chart.tooltipProps(drawdownValue)} />
            <Area
              {...chart.seriesProps('drawdownPct', 'Drawdown', chart.COLORS.down)}
              fill={chart.COLORS.down}
              fillOpacity={0.25}
            />
          </AreaChart>
        )}
      </ChartBox>
      {usesMargin && (
        <ChartBox height={110} label="Margin level chart">
          {(width, height) => (
            <LineChart {...{ width, height, data }} syncId="results" margin={chart.margin(4)}>
              <CartesianGrid {...chart.GRID} />
              {xAxis}
              <YAxis {...chart.valueAxisProps([0, 'auto'], levelTick)} />
              <Tooltip {...chart.tooltipProps(drawdownValue)} />
              <Line
                {...chart.seriesProps('marginLevel', 'Margin level', chart.COLORS.margin)}
                dot={false}
              />
            </LineChart>
          )}
        </ChartBox>
      )}
    </>
  );
}
