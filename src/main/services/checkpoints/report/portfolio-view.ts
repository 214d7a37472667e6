/**
 * The portfolio part of a checkpoint, read through a real Portfolio restored from it: positions,
 * open PnL and equity then follow the portfolio's own rules (signed size: > 0 long, < 0 short;
 * a long is valued at the bid, a short at the ask) instead of a copy of them that could drift.
 */
import { Portfolio } from '../../../engine/portfolio/portfolio.ts';
import type { OrderSide, OrderType, PositionSide } from '../../../engine/portfolio/types.ts';
import { portfolioConfigOf } from '../../runs/run-config.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { isoTime, num } from './values.ts';

export interface PositionView {
  symbol: string;
  side: PositionSide;
  /** Units, > 0 (the side carries the sign). */
  size: number;
  entryPrice: number | null;
  entryTime: string | null;
  stopLoss: number | null;
  takeProfit: number | null;
  tradeId: number;
  /** Open PnL at the symbol's last quote. */
  unrealizedPnl: number | null;
}

export interface PendingOrderView {
  id: number;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  size: number;
  price: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  placedAt: string | null;
}

export interface PortfolioView {
  balance: number | null;
  /** Equity of the last equity-curve sample; the balance when there is none yet. */
  equity: number | null;
  /** Time of that sample, null when there is none. */
  equityTime: string | null;
  /** Balance + open PnL at the last quotes: the equity at the very tick of the capture. */
  equityAtCapture: number | null;
  /** Positions closed so far: trade ids handed out (nextTradeId − 1) minus the open ones. */
  closedPositions: number;
  positions: PositionView[];
  pendingOrders: PendingOrderView[];
}

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
