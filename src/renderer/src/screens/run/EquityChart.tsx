/**
 * Equity (and balance) over simulated time as a line chart: the live curve of a running run and
 * the stored curve of a finished one. Fixed pixel size from ChartBox; no animation (it updates
 * ten times a second). Equity is green when the curve ends at or above its start, red below.
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from './ChartBox.tsx';
import { ChartLegend, equityLegend } from './ChartLegend.tsx';
import * as chart from './chart-parts.ts';
import { money } from './format.ts';
import type { EquitySample } from './useRunLive.ts';

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
  const color = chart.equityColor(data);
  return (
    <>
      <ChartBox height={height} label="Equity curve">
        {(width, h) => (
          <LineChart width={width} height={h} data={data} margin={chart.margin(8)}>
            <CartesianGrid {...chart.GRID} />
            <XAxis {...chart.timeAxisProps(data)} />
            <YAxis {...chart.valueAxisProps(['auto', 'auto'], money)} />
            <Tooltip {...chart.tooltipProps(money)} />
            <Line {...chart.BALANCE_LINE} connectNulls />
            <Line {...chart.seriesProps('equity', 'Equity', color)} dot={false} />
          </LineChart>
        )}
      </ChartBox>
      <ChartLegend items={equityLegend(color, chart.COLORS.balance)} />
    </>
  );
}
