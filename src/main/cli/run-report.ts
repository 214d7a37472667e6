/**
 * A run's report as text, laid out like MT5's tester report: Summary and Trades sections (the
 * shared layout, report-sections.ts), the monthly returns table, warnings, and the money the run
 * used (currency, leverage, stop-out, rollover, each symbol's conversion and specification).
 * Figures of an unfinished run are marked "to date". Used by `runs show` and at the end of `run`
 * and `resume`.
 */
import type { RunInfo } from '../../shared/dto.ts';
import {
  accountSettings,
  LEGACY_MONEY_TEXT,
  SPEC_COLUMNS,
  specLines,
} from '../../shared/money-settings-text.ts';
import { MONTHS, monthlyTable } from '../../shared/monthly-table.ts';
import { formatCount, formatPercent, NONE } from '../../shared/report-format.ts';
import { reportSections } from '../../shared/report-sections.ts';
import { formatTable } from './table.ts';

type Out = (line: string) => void;

/** The "to date" line of a run whose statistics are not final; null when they are. */
export function toDateNote(run: RunInfo): string | null {
  const toDate = run.report?.toDate ?? run.status !== 'completed';
  if (!toDate) return null;
  return `TO DATE: the run is ${run.status}; figures cover the ${formatCount(run.ticksDone)} of ${formatCount(run.ticksTotal)} ticks done so far`;
}

/** Summary and Trades as label/value columns; money in the run's currency (in the title). */
export function printStatistics(out: Out, run: RunInfo): void {
  if (!run.stats) {
    out(run.strategy ? 'No statistics yet.' : 'No strategy: bars and indicators only.');
    return;
  }
  const note = toDateNote(run);
  if (note) out(note);
  const currency = run.money ? ` (${run.money.currency})` : '';
  const sections = reportSections(run.stats);
  const width = Math.max(...sections.flatMap((s) => s.rows.map((r) => r.label.length)));
  for (const section of sections) {
    out(`${section.title}${section.title === 'Summary' ? currency : ''}`);
    for (const row of section.rows) out(`  ${row.label.padEnd(width)}  ${row.text.padStart(16)}`);
  }
}

/** Years down, months across, then the compounded year to date (percent). */
export function printMonthly(out: Out, run: RunInfo): void {
  const years = monthlyTable(run.report?.monthly ?? []);
  if (years.length === 0) return;
  out('Monthly returns (%)');
  const pct = (x: number | null | undefined) => {
    const t = formatPercent(x, 2);
    return t === NONE ? t : t.slice(0, -1);
  };
  const rows = years.map((y) => [
    String(y.year),
    ...y.months.map((m) => (m ? pct(m.returnPct) : '')),
    pct(y.ytdPct),
  ]);
  const header = ['Year', ...MONTHS, 'YTD'];
  const table = formatTable(header, rows, header.map((_, i) => i).slice(1));
  for (const line of table.split('\n')) out(`  ${line}`);
}

export function printWarnings(out: Out, run: RunInfo): void {
  const warnings = run.report?.warnings ?? [];
  if (warnings.length === 0) return;
  out('Warnings');
  for (const w of warnings) out(`  ! ${w}`);
}

/** Account settings on one line, then a table of the symbols' conversions and specifications. */
export function printMoney(out: Out, run: RunInfo): void {
  out('Money');
  if (!run.money) {
    out(`  ${LEGACY_MONEY_TEXT}`);
    return;
  }
  out(
    `  ${accountSettings(run.money)
      .map(([k, v]) => `${k}: ${v}`)
      .join('   ')}`,
  );
  const lines = specLines(run.money);
  const table = formatTable(
    SPEC_COLUMNS.map(([, title]) => title),
    lines.map((l) => SPEC_COLUMNS.map(([key]) => l[key])),
    [2, 3, 4, 8],
  );
  for (const line of table.split('\n')) out(`  ${line}`);
}

/** Everything above, in report order. */
export function printRunReport(out: Out, run: RunInfo): void {
  printStatistics(out, run);
  printMonthly(out, run);
  printWarnings(out, run);
  printMoney(out, run);
}
