/**
 * `checkpoints diff` as text: B against A, one headed section per part, each change as
 * "a  b  delta" columns with fixed decimals (prices 5 dp, money 2 dp) and signed deltas. Only
 * changed indicator values and positions are listed, so a quiet stretch prints short.
 */
import type { Change, CheckpointPoint, DiffReport, PositionBrief } from './diff.ts';
import {
  count,
  fixed,
  money,
  MONEY_DP,
  PRICE_DP,
  price,
  section,
  signed,
  table,
  time,
} from './text.ts';

export function formatDiffText(r: DiffReport): string {
  const point = (p: CheckpointPoint) => `run ${p.runId} seq ${p.seq}`;
  const moved = (c: Change, f: (x: number | null) => string, dp: number) => [
    f(c.a),
    f(c.b),
    signed(c.delta, dp),
  ];
  return [
    section(`Diff ${point(r.a)} -> ${point(r.b)}`, [
      ...table('|>a|>b|>delta', [
        ['ticks', count(r.a.ticks), count(r.b.ticks), signed(r.ticksAdvanced, 0)],
        ['sim time', time(r.a.simTime), time(r.b.simTime), ''],
      ]),
    ]),
    section(
      'Ticks per symbol',
      table(
        'symbol|>a|>b|>delta',
        r.perSymbolTicks.map((s) => [s.symbol, count(s.a), count(s.b), signed(s.delta, 0)]),
      ),
    ),
    section(
      'Bars closed',
      table(
        'timeframe|>a|>b|>delta',
        r.barsClosed.map((b) => [b.timeframe, count(b.a), count(b.b), signed(b.delta, 0)]),
      ),
    ),
    section(
      `Indicators changed (${r.indicators.length})`,
      r.indicators.length === 0
        ? []
        : table(
            'symbol|tf|column|>a|>b|>delta',
            r.indicators.map((i) => [
              i.symbol,
              i.timeframe,
              i.column,
              ...moved(i, price, PRICE_DP),
            ]),
          ),
    ),
    section(
      `Positions changed (${r.positions.length})`,
      r.positions.length === 0
        ? []
        : table(
            'symbol|a|b',
            r.positions.map((p) => [p.symbol, position(p.a), position(p.b)]),
          ),
    ),
    section(
      'Money',
      table('|>a|>b|>delta', [
        ['balance', ...moved(r.balance, money, MONEY_DP)],
        ['equity', ...moved(r.equity, money, MONEY_DP)],
        ['equity at capture', ...moved(r.equityAtCapture, money, MONEY_DP)],
      ]),
    ),
    section('Trades', [
      ...table('|>a|>b|>delta', [
        ['positions closed', count(r.trades.a), count(r.trades.b), signed(r.trades.delta, 0)],
        ['trade rows', ...moved(r.trades.rows, count, 0)],
      ]),
      `(${r.trades.basis})`,
    ]),
  ].join('\n');
}

function position(p: PositionBrief | null): string {
  if (p === null) return 'flat';
  return `${p.side} ${fixed(p.size, MONEY_DP)} @ ${price(p.entryPrice)} (trade ${p.tradeId})`;
}
