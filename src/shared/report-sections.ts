/**
 * A run's statistics laid out as MT5's tester report: a Summary section (money, risk, costs)
 * and a Trades section (counts, wins and losses, streaks, holding time). One layout for the CLI
 * report and the app's Results screen, so both say the same thing in the same order.
 *
 * Rows are taken only for statistics the run has: a run stored by a version before issue 12 has
 * no recoveryFactor etc. and shows the rows it had. Money is written without the currency (the
 * section title carries it), so the columns stay narrow.
 */
import {
  formatCount,
  formatHolding,
  formatPercent,
  formatRatio,
  grouped,
} from './report-format.ts';

export type Stats = Record<string, number | null | undefined>;

export interface ReportRow {
  /** The statistic the row shows (for tests and keys). */
  key: string;
  label: string;
  text: string;
  /** Colour by sign: 'pos' / 'neg' / ''. */
  tone: '' | 'pos' | 'neg';
}

export interface ReportSection {
  title: 'Summary' | 'Trades';
  rows: ReportRow[];
}

interface RowSpec {
  key: string;
  label: string;
  format: (s: Stats) => string;
  signed?: boolean;
}

const v = (s: Stats, k: string): number | null => {
  const x = s[k];
  return x === undefined || x === null || !Number.isFinite(x) ? null : x;
};
const money = (k: string) => (s: Stats) => grouped(v(s, k), 2);
const pct = (k: string, dp: number) => (s: Stats) => formatPercent(v(s, k), dp);
const count = (k: string) => (s: Stats) => formatCount(v(s, k));
/** '12 (58.3% won)': a count and its win rate. */
const countWon = (k: string, rate: string) => (s: Stats) =>
  v(s, k) === 0 ? '0' : `${formatCount(v(s, k))} (${formatPercent(v(s, rate), 1)} won)`;
/** '3 (1,234.00)': a streak's length and its money. */
const streak = (k: string) => (s: Stats) =>
  v(s, k) === 0 ? '0' : `${formatCount(v(s, k))} (${grouped(v(s, `${k}Money`), 2)})`;

const SUMMARY: RowSpec[] = [
  { key: 'startBalance', label: 'Initial deposit', format: money('startBalance') },
  { key: 'finalEquity', label: 'Final equity', format: money('finalEquity') },
  { key: 'netProfit', label: 'Net profit', format: money('netProfit'), signed: true },
  { key: 'returnPct', label: 'Return', format: pct('returnPct', 2), signed: true },
  { key: 'grossProfit', label: 'Gross profit', format: money('grossProfit'), signed: true },
  { key: 'grossLoss', label: 'Gross loss', format: money('grossLoss'), signed: true },
  {
    key: 'profitFactor',
    label: 'Profit factor',
    // null with a gross profit: there was no losing trade to divide by.
    format: (s) =>
      v(s, 'profitFactor') === null && (v(s, 'grossProfit') ?? 0) > 0
        ? '∞'
        : formatRatio(v(s, 'profitFactor')),
  },
  { key: 'expectedPayoff', label: 'Expected payoff', format: money('expectedPayoff') },
  {
    key: 'recoveryFactor',
    label: 'Recovery factor',
    format: (s) => formatRatio(v(s, 'recoveryFactor')),
  },
  { key: 'sharpe', label: 'Sharpe', format: (s) => formatRatio(v(s, 'sharpe')) },
  { key: 'maxDrawdown', label: 'Max drawdown', format: money('maxDrawdown') },
  { key: 'maxDrawdownPct', label: 'Max drawdown %', format: pct('maxDrawdownPct', 2) },
  { key: 'minMarginLevel', label: 'Min margin level', format: pct('minMarginLevel', 2) },
  { key: 'totalCommissions', label: 'Commissions', format: money('totalCommissions') },
  { key: 'totalSwaps', label: 'Swaps', format: money('totalSwaps'), signed: true },
  { key: 'stopOuts', label: 'Stop-outs', format: count('stopOuts') },
  { key: 'rejectedOrders', label: 'Refused orders', format: count('rejectedOrders') },
  { key: 'exposurePct', label: 'Exposure', format: pct('exposurePct', 1) },
];

const TRADES: RowSpec[] = [
  { key: 'trades', label: 'Trades', format: count('trades') },
  { key: 'winningTrades', label: 'Winners', format: count('winningTrades') },
  { key: 'losingTrades', label: 'Losers', format: count('losingTrades') },
  { key: 'winRate', label: 'Win rate', format: pct('winRate', 1) },
  { key: 'longTrades', label: 'Long trades', format: countWon('longTrades', 'longWinRate') },
  { key: 'shortTrades', label: 'Short trades', format: countWon('shortTrades', 'shortWinRate') },
  { key: 'largestWin', label: 'Largest win', format: money('largestWin'), signed: true },
  { key: 'largestLoss', label: 'Largest loss', format: money('largestLoss'), signed: true },
  { key: 'averageWin', label: 'Average win', format: money('averageWin'), signed: true },
  { key: 'averageLoss', label: 'Average loss', format: money('averageLoss'), signed: true },
  { key: 'averageTrade', label: 'Average trade', format: money('averageTrade'), signed: true },
  {
    key: 'maxConsecutiveWins',
    label: 'Max consecutive wins',
    format: streak('maxConsecutiveWins'),
  },
  {
    key: 'maxConsecutiveLosses',
    label: 'Max consecutive losses',
    format: streak('maxConsecutiveLosses'),
  },
  {
    key: 'averageHoldingMs',
    label: 'Average holding time',
    format: (s) => formatHolding(v(s, 'averageHoldingMs')),
  },
];

function rows(stats: Stats, specs: RowSpec[]): ReportRow[] {
  return specs
    .filter((r) => r.key in stats)
    .map((r) => {
      const x = v(stats, r.key);
      const tone = !r.signed || x === null || x === 0 ? '' : x > 0 ? 'pos' : 'neg';
      return { key: r.key, label: r.label, text: r.format(stats), tone };
    });
}

/** The report's sections in order; a section without any of its statistics is left out. */
export function reportSections(stats: Stats): ReportSection[] {
  const sections: ReportSection[] = [
    { title: 'Summary', rows: rows(stats, SUMMARY) },
    { title: 'Trades', rows: rows(stats, TRADES) },
  ];
  return sections.filter((s) => s.rows.length > 0);
}
