/**
 * The portfolio part of a checkpoint, read through a real Portfolio restored from it: positions,
 * open PnL and equity then follow the portfolio's own rules (signed size: > 0 long, < 0 short;
 * a long is valued at the bid, a short at the ask) instead of a copy of them that could drift.
 */
import type { PortfolioView, PositionView } from '../../../../shared/reports.ts';
import { Portfolio } from '../../../engine/portfolio/portfolio.ts';
import { portfolioConfigOf } from '../../runs/run-config.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { isoTime, num } from './values.ts';

export type { PendingOrderView, PortfolioView, PositionView } from '../../../../shared/reports.ts';

export function portfolioOf(data: CheckpointData): PortfolioView {
  const p = new Portfolio(portfolioConfigOf(data.config));
  const state = data.state.portfolio;
  p.restore(state);
  const symbols = state.symbols;
  const positions: PositionView[] = [];
  symbols.forEach((symbol, i) => {
    const pos = p.position(i);
    if (pos.size === 0) return;
    positions.push({
      symbol,
      side: pos.size > 0 ? 'long' : 'short',
      size: Math.abs(pos.size),
      entryPrice: num(pos.entryPrice),
      entryTime: isoTime(pos.entryTime),
      stopLoss: num(pos.stopLoss),
      takeProfit: num(pos.takeProfit),
      tradeId: pos.tradeId,
      unrealizedPnl: num(p.unrealizedPnl(i)),
    });
  });
  const pendingOrders = p.pendingOrders().map((o) => ({
    id: o.id,
    symbol: symbols[o.symbol],
    side: o.side,
    type: o.type,
    size: o.size,
    price: num(o.price),
    stopLoss: num(o.stopLoss),
    takeProfit: num(o.takeProfit),
    placedAt: isoTime(o.placedAt),
  }));
  const sample = data.state.equity;
  const sampled = Number.isFinite(sample.time);
  return {
    balance: num(p.balance),
    equity: num(sampled ? sample.equity : p.balance),
    equityTime: sampled ? isoTime(sample.time) : null,
    equityAtCapture: num(p.equity()),
    closedPositions: state.nextTradeId - 1 - positions.length,
    positions,
    pendingOrders,
  };
}
