/**
 * The run's summary statistics as a grid of labelled figures, fixed decimals per kind: money
 * 2 dp, ratios 2 dp, percentages 1–2 dp, counts whole. Undefined statistics (no trades, no losing
 * trade) show '—', a profit factor without losing trades '∞'.
 */
import { count, fixed, money, percent, tone } from '../run/format.ts';

type Stats = Record<string, number | null>;

interface StatSpec {
  key: string;
  label: string;
  format: (x: number | null, s: Stats) => string;
  /** Colour by sign. */
  signed?: boolean;
}

const ratio = (x: number | null) => fixed(x, 2);

export const STATS: StatSpec[] = [
  { key: 'netProfit', label: 'Net profit', format: money, signed: true },
  { key: 'grossProfit', label: 'Gross profit', format: money, signed: true },
  { key: 'grossLoss', label: 'Gross loss', format: money, signed: true },
  {
    key: 'profitFactor',
    label: 'Profit factor',
    format: (x, s) => (x === null && (s.grossProfit ?? 0) > 0 ? '∞' : ratio(x)),
  },
  { key: 'maxDrawdown', label: 'Max drawdown', format: money },
  { key: 'maxDrawdownPct', label: 'Max drawdown %', format: (x) => percent(x, 2) },
  { key: 'sharpe', label: 'Sharpe', format: ratio },
  { key: 'winRate', label: 'Win rate', format: (x) => percent(x, 1) },
  { key: 'trades', label: 'Trades', format: count },
  { key: 'averageTrade', label: 'Average trade', format: money, signed: true },
  { key: 'exposurePct', label: 'Exposure', format: (x) => percent(x, 1) },
  { key: 'returnPct', label: 'Return', format: (x) => percent(x, 2), signed: true },
  { key: 'startBalance', label: 'Start balance', format: money },
  { key: 'finalEquity', label: 'Final equity', format: money },
  { key: 'winningTrades', label: 'Winners', format: count },
  { key: 'losingTrades', label: 'Losers', format: count },
  { key: 'averageWin', label: 'Average win', format: money, signed: true },
  { key: 'averageLoss', label: 'Average loss', format: money, signed: true },
  { key: 'largestWin', label: 'Largest win', format: money, signed: true },
  { key: 'largestLoss', label: 'Largest loss', format: money, signed: true },
  // Issue 12's MT5 figures, for the comparison and the lists (Results shows them by section).
  { key: 'expectedPayoff', label: 'Expected payoff', format: money, signed: true },
  { key: 'recoveryFactor', label: 'Recovery factor', format: ratio },
  { key: 'minMarginLevel', label: 'Min margin level', format: (x) => percent(x, 2) },
  { key: 'totalCommissions', label: 'Commissions', format: money },
  { key: 'totalSwaps', label: 'Swaps', format: money, signed: true },
  { key: 'stopOuts', label: 'Stop-outs', format: count },
  { key: 'rejectedOrders', label: 'Refused orders', format: count },
  { key: 'maxConsecutiveLosses', label: 'Max consecutive losses', format: count },
];

export function StatsGrid({ stats }: { stats: Stats }) {
  return (
    <dl className="bt-stats" role="group" aria-label="Statistics">
      {STATS.filter((s) => s.key in stats).map((s) => {
        const x = stats[s.key] ?? null;
        const cls = s.signed ? tone(x) : '';
        return (
          <div className="bt-stat" key={s.key}>
            <dt>{s.label}</dt>
            <dd className={cls}>{s.format(x, stats)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
