/**
 * The account part of `checkpoints inspect` as text: money, open positions, working orders, and
 * how far the run's SQLite output was committed (watermarks, rows still pending).
 */
import type { InspectReport } from './inspect.ts';
import type { PositionView } from './portfolio-view.ts';
import { count, money, pairs, price, section, table, time } from './text.ts';

export function formatPortfolio(r: InspectReport): string {
  const p = r.portfolio;
  const w = r.watermarks;
  const rows = r.pendingRows;
  return [
    section('Portfolio', [
      ...pairs(
        [
          ['balance', money(p.balance)],
          ['equity', money(p.equity)],
          ['equity at capture', money(p.equityAtCapture)],
        ],
        true,
      ),
      `equity sample ${time(p.equityTime)}; positions closed ${p.closedPositions}`,
    ]),
    section(`Positions (${p.positions.length})`, positions(p.positions)),
    section(
      `Pending orders (${p.pendingOrders.length})`,
      p.pendingOrders.length === 0
        ? []
        : table(
            '>id|symbol|side|type|>size|>price|>stop loss|>take profit|placed',
            p.pendingOrders.map((o) => [
              count(o.id),
              o.symbol,
              o.side,
              o.type,
              money(o.size),
              price(o.price),
              price(o.stopLoss),
              price(o.takeProfit),
              time(o.placedAt),
            ]),
          ),
    ),
    section('Watermarks', [
      `trade seq ${w.tradeSeq}; equity ${time(w.equityTime)}`,
      ...table(
        'symbol|tf|last bar',
        w.bars.map((b) => [b.symbol, b.timeframe, time(b.time)]),
      ),
    ]),
    section('Pending rows', [`bars ${rows.bars}; trades ${rows.trades}; equity ${rows.equity}`]),
  ].join('\n');
}

function positions(list: PositionView[]): string[] {
  if (list.length === 0) return [];
  return table(
    'symbol|side|>size|>entry|entry time|>stop loss|>take profit|>trade|>open pnl',
    list.map((x) => [
      x.symbol,
      x.side,
      money(x.size),
      price(x.entryPrice),
      time(x.entryTime),
      price(x.stopLoss),
      price(x.takeProfit),
      count(x.tradeId),
      money(x.unrealizedPnl),
    ]),
  );
}
