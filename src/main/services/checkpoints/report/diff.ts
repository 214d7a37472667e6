/**
 * `checkpoints diff A B`: what happened between two checkpoints of one run (or of runs with the
 * same config, such as a fork resumed from a checkpoint): ticks, bars, the indicator values and
 * positions that changed, money and trades. Checkpoints of different configs are refused: their
 * symbols, frames and indicators need not line up, so a diff would compare unrelated things.
 * B − A throughout; A need not be the earlier one (deltas are then negative).
 */
import type {
  Change,
  CheckpointPoint,
  DiffReport,
  PositionBrief,
} from '../../../../shared/reports.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { framesOf } from './frames.ts';
import { portfolioOf, type PortfolioView } from './portfolio-view.ts';
import { delta, isoTime } from './values.ts';

export type {
  Change,
  CheckpointPoint,
  DiffReport,
  PositionBrief,
} from '../../../../shared/reports.ts';

export const TRADES_BASIS =
  'positions closed (portfolio nextTradeId - 1 - open positions); rows = trade rows written ' +
  '(watermarks.tradeSeq + pending trades), a position closed in parts gives several rows';

export class CheckpointDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointDiffError';
  }
}

export function diffCheckpoints(a: CheckpointData, b: CheckpointData): DiffReport {
  if (a.configHash !== b.configHash) {
    const who = (d: CheckpointData) => `run ${d.runId} seq ${d.seq} (config ${d.configHash})`;
    throw new CheckpointDiffError(
      `cannot diff checkpoints of different run configs: ${who(a)} vs ${who(b)}`,
    );
  }
  const { symbols, timeframes } = a.state.engine.config;
  const [pa, pb] = [portfolioOf(a), portfolioOf(b)];
  const [fa, fb] = [framesOf(a), framesOf(b)];
  const change = (x: number | null, y: number | null): Change => ({
    a: x,
    b: y,
    delta: delta(x, y),
  });
  const count = (x: number, y: number) => ({ a: x, b: y, delta: y - x });
  const rows = (d: CheckpointData) => d.watermarks.tradeSeq + d.pending.trades.length;
  return {
    a: pointOf(a),
    b: pointOf(b),
    ticksAdvanced: b.ticks - a.ticks,
    perSymbolTicks: symbols.map((symbol, i) => ({ symbol, ...count(a.cursor[i], b.cursor[i]) })),
    barsClosed: timeframes.map((timeframe, k) => ({
      timeframe,
      ...count(a.state.engine.barsClosed[k], b.state.engine.barsClosed[k]),
    })),
    indicators: fa.flatMap(({ symbol, timeframe, indicators }, i) =>
      Object.entries(indicators)
        .filter(([column, x]) => x !== fb[i].indicators[column])
        .map(([column, x]) => ({
          symbol,
          timeframe,
          column,
          ...change(x, fb[i].indicators[column]),
        })),
    ),
    positions: symbols
      .map((symbol) => ({ symbol, a: briefOf(pa, symbol), b: briefOf(pb, symbol) }))
      .filter((p) => JSON.stringify(p.a) !== JSON.stringify(p.b)),
    equity: change(pa.equity, pb.equity),
    equityAtCapture: change(pa.equityAtCapture, pb.equityAtCapture),
    balance: change(pa.balance, pb.balance),
    trades: {
      ...count(pa.closedPositions, pb.closedPositions),
      basis: TRADES_BASIS,
      rows: change(rows(a), rows(b)),
    },
  };
}

function pointOf(d: CheckpointData): CheckpointPoint {
  return { runId: d.runId, seq: d.seq, ticks: d.ticks, simTime: isoTime(d.simTime) };
}

function briefOf(p: PortfolioView, symbol: string): PositionBrief | null {
  const pos = p.positions.find((x) => x.symbol === symbol);
  if (!pos) return null;
  return { side: pos.side, size: pos.size, entryPrice: pos.entryPrice, tradeId: pos.tradeId };
}
