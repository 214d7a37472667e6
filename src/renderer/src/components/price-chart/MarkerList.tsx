/**
 * The chart's trades as text: the canvas is opaque to screen readers and tests, so this visually
 * hidden list mirrors its markers, one item per trade of the shown symbol (what the e2e asserts).
 */
import type { TradeDto } from '../../../../shared/dto.ts';
import { formatLots, formatMoney } from '../../../../shared/report-format.ts';
import { price, utc } from '../../screens/run/format.ts';

export function MarkerList({ trades, selected }: { trades: TradeDto[]; selected: number | null }) {
  return (
    <ul className="sr-only" data-testid="chart-markers" aria-label="Trades on the chart">
      {trades.map((t) => (
        <li
          key={t.id}
          data-trade-id={t.id}
          data-side={t.side}
          data-entry={t.entryTime}
          data-exit={t.exitTime}
          aria-current={selected === t.id ? 'true' : undefined}
        >
          Trade {t.id}: {t.side} {formatLots(t.lots)} lots, entry {utc(t.entryTime)} at{' '}
          {price(t.entryPrice)}, exit {utc(t.exitTime)} at {price(t.exitPrice)}, net{' '}
          {formatMoney(t.netPnl)}
          {t.stopLoss !== null && `, stop-loss ${price(t.stopLoss)}`}
          {t.takeProfit !== null && `, take-profit ${price(t.takeProfit)}`}
        </li>
      ))}
    </ul>
  );
}
