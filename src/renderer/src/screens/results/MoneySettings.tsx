/**
 * The money a run used: account currency, leverage, stop-out level and rollover time, and per
 * symbol its quote conversion and the specification recorded with the run (the Results and Run
 * screens). A run of a version before issue 12 says it kept the old rules.
 */
import type { RunMoneyDto } from '../../../../shared/dto.ts';
import {
  accountSettings,
  LEGACY_MONEY_TEXT,
  SPEC_COLUMNS,
  specLines,
} from '../../../../shared/money-settings-text.ts';

const NUMERIC = new Set(['digits', 'pip', 'contract', 'marginRate']);

export function MoneySettings({ money }: { money: RunMoneyDto | null }) {
  if (!money) return <p className="muted">{LEGACY_MONEY_TEXT}</p>;
  return (
    <>
      <dl className="bt-kv" role="group" aria-label="Account settings">
        {accountSettings(money).map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="bt-scroll">
        <table className="grid bt-table bt-compact" aria-label="Symbol specifications">
          <thead>
            <tr>
              {SPEC_COLUMNS.map(([key, title]) => (
                <th key={key} scope="col" className={NUMERIC.has(key) ? 'num' : undefined}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {specLines(money).map((line) => (
              <tr key={line.symbol}>
                {SPEC_COLUMNS.map(([key]) => (
                  <td key={key} className={NUMERIC.has(key) ? 'num' : undefined}>
                    {line[key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
