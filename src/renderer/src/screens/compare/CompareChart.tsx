/**
 * The compared runs' equity curves overlaid on one merged time axis, one line per run in its own
 * colour (CSS variables --compare-1..4), with a legend naming each run and its params.
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { EquityPoint, RunInfo } from '../../../../shared/dto.ts';
import { ChartBox } from '../run/ChartBox.tsx';
import * as chart from '../run/chart-parts.ts';
import { money } from '../run/format.ts';
import { StrategyParams } from '../../components/StrategyParams.tsx';
import { mergeEquity, seriesKey } from './merge-equity.ts';

/** The colour of run `i` (0-based) — the same variable colours its swatch in the tables. */
export const compareColor = (i: number): string => `var(--compare-${i + 1})`;

export function CompareChart({
  runs,
}: {
  runs: readonly { run: RunInfo; equity: EquityPoint[] }[];
}) {
  const data = mergeEquity(runs.map((r) => r.equity));
  if (data.length === 0) return <p className="muted">None of these runs stored equity samples.</p>;
  return (
    <>
      <ChartBox height={280} label="Equity curves overlaid">
        {(width, height) => (
          <LineChart {...{ width, height, data }} margin={chart.margin(8)}>
            <CartesianGrid {...chart.GRID} />
            <XAxis {...chart.timeAxisProps(data)} />
            <YAxis {...chart.valueAxisProps(['auto', 'auto'], money)} />
            <Tooltip {...chart.tooltipProps(money)} />
            {runs.map(({ run }, i) => (
              <Line
                key={run.id}
                {...chart.seriesProps(seriesKey(i), run.id, compareColor(i))}
                dot={false}
                connectNulls
              />
            ))}
          </LineChart>
        )}
      </ChartBox>
      <ul className="compare-legend" aria-label="Legend">
        {runs.map(({ run }, i) => (
          <li key={run.id}>
            <span className={`compare-swatch compare-${i + 1}`} aria-hidden="true" />
            <span className="mono">{run.id}</span> <StrategyParams strategy={run.strategy} />
          </li>
        ))}
      </ul>
    </>
  );
}
