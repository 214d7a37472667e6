/**
 * A legend under a chart naming each series with a sample of its line (solid or dashed, in its
 * colour), so the dashed balance line is not a riddle. HTML rather than recharts' <Legend>, which
 * would take room from the fixed plot height and style its text outside the theme.
 */

export interface LegendItem {
  label: string;
  /** A CSS colour (usually a variable from chart-parts COLORS). */
  color: string;
  dashed?: boolean;
}

export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="bt-chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="18" height="8" aria-hidden="true">
            <line
              x1="0"
              x2="18"
              y1="4"
              y2="4"
              stroke={item.color}
              strokeWidth="2"
              strokeDasharray={item.dashed ? '4 3' : undefined}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The equity chart's two series: equity in its sign colour, the account balance dashed. */
export function equityLegend(equityColor: string, balanceColor: string): LegendItem[] {
  return [
    { label: 'Equity', color: equityColor },
    { label: 'Balance', color: balanceColor, dashed: true },
  ];
}
