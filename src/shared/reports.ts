/**
 * Checkpoint reports: what `backtestr checkpoints inspect|diff` print as JSON and what the app's
 * checkpoint browser renders. Built by src/main/services/checkpoints/report from a decoded
 * checkpoint; plain JSON throughout (numbers that are NaN or infinite become null, times are ISO
 * strings), so they cross IPC and `--json` unchanged.
 *
 * Pure types, shared by the main process and the renderer: the unions below restate engine types
 * (timeframes, checkpoint triggers, order and position sides). The report module assigns engine
 * values to these types, so a value the engine adds and this file lacks is a compile error there.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type ReportTimeframe = 'M1' | 'M5' | 'M15' | 'M30' | 'H1' | 'H4' | 'D1' | 'W1';
export type ReportTrigger =
  'interval' | 'ticks' | 'manual' | 'pause' | 'shutdown' | 'end' | 'fork' | 'savepoint';
export type ReportPositionSide = 'long' | 'short';
export type ReportOrderSide = 'buy' | 'sell';
export type ReportOrderType = 'market' | 'limit' | 'stop';

export interface PartialBarView {
  /** Bucket start. */
  time: string | null;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  ticks: number;
  /** Share of the bucket elapsed at its last tick. */
  progressPct: number | null;
}

export interface FrameView {
  symbol: string;
  timeframe: ReportTimeframe;
  /** null when no bar is open (before the symbol's first tick). */
  partial: PartialBarView | null;
  /** Closed bars kept in the history ring (at most historySize). */
  historyBars: number;
  /** Bucket start of the newest closed bar kept, null when none closed yet. */
  lastClosed: string | null;
  /** Current value per indicator column; null before warm-up. */
  indicators: Record<string, number | null>;
}

export interface PositionView {
  symbol: string;
  side: ReportPositionSide;
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
  side: ReportOrderSide;
  type: ReportOrderType;
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

/** One checkpoint: what run and where in it, bars being built, indicators, strategy, account. */
export interface InspectReport {
  file: { path: string; fileBytes: number; payloadBytes: number; compressionRatio: number | null };
  versions: { format: number; header: number; app: string; createdAt: string | null };
  run: {
    id: string;
    seq: number;
    strategy: string | null;
    params: Json;
    symbols: string[];
    timeframes: ReportTimeframe[];
    indicators: string[];
  };
  cursor: {
    ticks: number;
    ticksTotal: number;
    progressPct: number | null;
    perSymbol: { symbol: string; ticks: number }[];
    simTime: string | null;
  };
  meta: {
    trigger: ReportTrigger;
    wallTime: string | null;
    elapsedSeconds: number | null;
    ticksPerSec: number | null;
  };
  /** Engine bars closed per timeframe, summed over symbols. */
  barsClosed: { timeframe: ReportTimeframe; bars: number }[];
  frames: FrameView[];
  strategyState: Json;
  portfolio: PortfolioView;
  watermarks: {
    bars: { symbol: string; timeframe: ReportTimeframe; time: string | null }[];
    tradeSeq: number;
    equityTime: string | null;
  };
  pendingRows: { bars: number; trades: number; equity: number };
}

export interface Change {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface CheckpointPoint {
  runId: string;
  seq: number;
  ticks: number;
  simTime: string | null;
}

export interface PositionBrief {
  side: ReportPositionSide;
  size: number;
  entryPrice: number | null;
  tradeId: number;
}

/** Checkpoint B against A (B − A throughout) of one run config. */
export interface DiffReport {
  a: CheckpointPoint;
  b: CheckpointPoint;
  ticksAdvanced: number;
  perSymbolTicks: { symbol: string; a: number; b: number; delta: number }[];
  /** Engine bars closed per timeframe, summed over symbols. */
  barsClosed: { timeframe: ReportTimeframe; a: number; b: number; delta: number }[];
  /** Only the values that differ (null = no value, before warm-up). */
  indicators: ({ symbol: string; timeframe: ReportTimeframe; column: string } & Change)[];
  /** Only the symbols whose position differs; null = flat. */
  positions: { symbol: string; a: PositionBrief | null; b: PositionBrief | null }[];
  /** Equity of the last equity-curve sample (the balance before the first). */
  equity: Change;
  /** Balance + open PnL at the last quotes. */
  equityAtCapture: Change;
  balance: Change;
  trades: { a: number; b: number; delta: number; basis: string; rows: Change };
}
