/**
 * Monthly returns as traders know them from MT5 and fund factsheets: a row per year, a column
 * per month and the compounded year to date, each cell coloured by its sign. A cell's tooltip
 * gives the month's profit in money. Months without equity samples are empty.
 */
import type { MonthlyReturnDto } from '../../../../shared/dto.ts';
import { MONTHS, monthlyTable } from '../../../../shared/monthly-table.ts';
import { formatMoney, formatPercent } from '../../../../shared/report-format.ts';
import { tone } from '../run/format.ts';

export function MonthlyReturns({
  monthly,
  currency,
}: {
  monthly: MonthlyReturnDto[];
  currency: string | null;
}) {
  const years = monthlyTable(monthly);
  if (years.length === 0) return <p className="muted">No monthly figures for this run.</p>;
  return (
    <div className="bt-scroll">
      <table className="grid bt-table bt-compact" aria-label="Monthly returns">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTHS.map((m) => (
              <th key={m} scope="col" className="num">
                {m}
              </th>
            ))}
            <th scope="col" className="num">
              YTD
            </th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {y.months.map((m, i) => (
                <td
                  key={MONTHS[i]}
                  className={`num ${m ? tone(m.returnPct ?? m.profit) : ''}`.trim()}
                  title={m ? formatMoney(m.profit, currency) : undefined}
                >
                  {m ? formatPercent(m.returnPct) : ''}
                </td>
              ))}
              <td
                className={`num ${tone(y.ytdPct ?? y.ytdProfit)}`.trim()}
                title={formatMoney(y.ytdProfit, currency)}
              >
                {formatPercent(y.ytdPct)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
