/**
 * The statistics grouped as MT5's tester report: Summary (money, risk, costs) and Trades
 * (counts, wins and losses, streaks, holding time), each a grid of labelled figures. The layout
 * and formats are the shared ones (report-sections.ts), so the app says what `runs show` says.
 */
import { reportSections, type Stats } from '../../../../shared/report-sections.ts';

export function ReportSections({ stats, currency }: { stats: Stats; currency: string | null }) {
  return (
    <div role="group" aria-label="Statistics">
      {reportSections(stats).map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h3>
            {section.title}
            {section.title === 'Summary' && currency ? ` · ${currency}` : ''}
          </h3>
          <dl className="bt-stats">
            {section.rows.map((row) => (
              <div className="bt-stat" key={row.key}>
                <dt>{row.label}</dt>
                <dd className={row.tone}>{row.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
