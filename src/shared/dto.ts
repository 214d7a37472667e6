/**
 * Data that crosses the IPC boundary: plain, JSON-able values (times as ms since the epoch or ISO
 * strings, NaN as null). The backend's services produce them; the UI renders them.
 */
import type { RecordKind } from './record-kinds.ts';

export interface AppInfo {
  version: string;
  dataDir: string;
  platform: string;
  /** Which host serves the UI: Electron's main process or the web bridge. */
  host: 'electron' | 'web';
}

export interface SymbolSummary {
  symbol: string;
  /** ms UTC */
  first: number;
  last: number;
  ticks: number;
}

export interface DataChange {
  symbol: SymbolSummary;
  /** Ticks added by this import or generation. */
  added: number;
  /** For imports: the detected or given format. */
  format?: string;
}

/** One parameter of a strategy's schema; `choices` limits a 'string' param to those values. */
export interface ParamSpecDto {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'timeframe';
  default: number | boolean | string;
  min?: number;
  max?: number;
  choices?: string[];
  description: string;
  /**
   * What the app shows for the param ("Stop loss (pips)"); without one the name is humanised
   * (shared/param-label.ts).
   */
  label?: string;
}

export interface StrategyInfo {
  name: string;
  description: string;
  source: 'builtin' | 'user';
  file: string | null;
  params: ParamSpecDto[];
}

export interface StrategyList {
  strategies: StrategyInfo[];
  /** User strategy files that failed to load. */
  errors: { file: string; message: string }[];
}

/** 'stopped': the user ended it before its data did; it has statistics to date and does not resume. */
export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';

export interface RunInfo {
  id: string;
  status: RunStatus;
  createdAt: number;
  symbols: string[];
  timeframes: string[];
  indicators: string[];
  strategy: { name: string; params: Record<string, number | boolean | string> } | null;
  account: { balance: number; lotSize: number; commissionPerLot: number; slippage: number };
  /** Currency, specs, leverage… the run used; null for runs of versions before issue 12. */
  money: RunMoneyDto | null;
  from: number | null;
  to: number | null;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  error: string | null;
  parentRunId: string | null;
  parentSeq: number | null;
  stats: Record<string, number | null> | null;
  /** Monthly returns, warnings, whether the statistics are to date (null: none computed). */
  report: RunReportDto | null;
  /** What the run stores (all three unless it was started with less). */
  record: RecordKind[];
  sweepId: string | null;
  /** Set when the run was sent to a cluster (cluster_runs): who ran it and where it resumed. */
  cluster: RunClusterInfo | null;
}

/** Where a cluster run went; worker and attempt are null until a worker reported. */
export interface RunClusterInfo {
  /** The Redis URL without credentials, and the store URL (s3://BUCKET/PREFIX). */
  redis: string;
  store: string;
  worker: string | null;
  attempt: string | null;
  /** The store checkpoint the finishing attempt resumed from; null: from tick 0 (or unknown). */
  resumedFrom: { attempt: string; seq: number; ticks: number } | null;
}

export interface CheckpointInfo {
  seq: number;
  ticks: number;
  progressPct: number;
  /** ms UTC of the newest tick at capture; null if unknown. */
  simTime: number | null;
  wallTime: number;
  trigger: string;
  bytes: number;
  /** 'missing' when the index row's file is gone from disk; 'gc' deleted by the disk budget. */
  status: 'valid' | 'corrupt' | 'deleted' | 'gc' | 'failed' | 'missing';
  pauseMs: number | null;
  writeMs: number | null;
}

/** A resume of a run in place: where its previous session stopped, how, and where it went on. */
export interface RunResumeMark {
  /** ms UTC (wall clock) of the resume. */
  wallTime: number;
  /** The checkpoint it continued from; null: it started again from the first tick. */
  fromSeq: number | null;
  fromTicks: number;
  /** The newest checkpoint written before it; the previous session stopped after this one. */
  afterSeq: number | null;
  /** How far the previous session had got. */
  stoppedAtTicks: number;
  /** 'crashed': its process died (crash, kill) without a clean end; 'paused': paused cleanly. */
  ended: 'crashed' | 'paused' | 'failed' | 'other';
}

export interface RecoverableRun {
  run: RunInfo;
  lastCheckpoint: CheckpointInfo | null;
}

export interface RunMoneyDto {
  currency: string;
  leverage: number | null;
  stopOutPct: number;
  rolloverMinutes: number;
  /** One per symbol of the run, in its order. */
  specs: (SymbolSpec & { symbol: string })[];
  /** How each symbol's quote converts, e.g. 'USDJPY (inverted)', 'fixed 0.0067', 'same'. */
  conversions: string[];
}

export interface MonthlyReturnDto {
  month: string;
  profit: number;
  returnPct: number | null;
}

export interface RunReportDto {
  monthly: MonthlyReturnDto[];
  warnings: string[];
  toDate: boolean;
}

export interface EquityPoint {
  time: number;
  balance: number;
  equity: number;
  drawdown: number;
  drawdownPct: number;
  /** Used margin and margin level (percent; null when no margin is used). */
  margin: number;
  marginLevel: number | null;
}

export interface TradeDto {
  id: number;
  symbol: string;
  side: 'long' | 'short';
  size: number;
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  exitReason: string;
  grossPnl: number;
  commission: number;
  swap: number;
  netPnl: number;
  /** size / the symbol's contract size. */
  lots: number;
  maePips: number;
  maeMoney: number;
  mfePips: number;
  mfeMoney: number;
  /** Stop-loss / take-profit in effect when the trade closed; null when none was set. */
  stopLoss: number | null;
  takeProfit: number | null;
}

/** An order the account refused (not enough free margin). */
export interface RejectionDto {
  time: number;
  orderId: number;
  symbol: string;
  side: 'buy' | 'sell';
  size: number;
  lots: number;
  reason: string;
  requiredMargin: number;
  freeMargin: number;
}

export interface RunResults {
  stats: Record<string, number | null> | null;
  report: RunReportDto | null;
  /** Downsampled to at most maxPoints (per bucket: max drawdown, min margin level, last). */
  equity: EquityPoint[];
  trades: TradeDto[];
  rejections: RejectionDto[];
}

/** One (symbol, timeframe) of a running backtest: the bar being built and indicator values. */
export interface LiveFrame {
  symbol: string;
  timeframe: string;
  partial: {
    time: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
    ticks: number;
  } | null;
  /** Fraction of the bucket elapsed, 0..1. */
  progress: number;
  /** Values at the last close; null while warming up. */
  indicators: Record<string, number | null>;
}

export interface RunProgressEvent {
  runId: string;
  ticksDone: number;
  ticksTotal: number;
  ticksPerSec: number;
  seconds: number;
  etaSeconds: number | null;
  simTime: number | null;
  balance: number | null;
  equity: number | null;
  /** Margin level (percent) at the newest tick; null when no margin is used (or no backtest). */
  marginLevel: number | null;
  frames: LiveFrame[];
}

export interface RunStateEvent {
  runId: string;
  status: RunStatus;
  error?: string | null;
}

export interface CheckpointWrittenEvent {
  runId: string;
  seq: number;
  ticks: number;
  bytes: number;
  trigger: string;
  ok: boolean;
  error?: string;
}

export interface ImportProgressEvent {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

/**
 * data:generate's progress: `daysDone` of `days` (fractional: the generated span so far; equal to
 * `days` only in the last event) and the ticks generated so far.
 */
export interface GenerateProgressEvent {
  symbol: string;
  daysDone: number;
  days: number;
  ticks: number;
}

import type { SymbolSpec } from './symbol-spec.ts';
export type { SymbolSpec } from './symbol-spec.ts';

/** A stored symbol's specification for the Data screen; `edited` false while it is the default. */
export interface SymbolSpecDto extends SymbolSpec {
  symbol: string;
  edited: boolean;
  /**
   * Why the stored spec is refused (runs of the symbol fail until it is saved again or reset);
   * the fields are then the default, for reference. Absent when the spec is usable.
   */
  problem?: string;
}

/** Checkpoint reports (inspect, diff): typed in reports.ts, built by the checkpoint report module. */
export type {
  Change,
  CheckpointPoint,
  DiffReport,
  FrameView,
  InspectReport,
  Json,
  PartialBarView,
  PendingOrderView,
  PortfolioView,
  PositionBrief,
  PositionView,
} from './reports.ts';

/** All checkpoint files of the data folder against their budget (Settings panel). */
export interface CheckpointSpace {
  usageBytes: number;
  files: number;
  /** What is enforced after every checkpoint write. */
  budgetBytes: number;
  /** The user's budget; null: automatic. */
  settingBytes: number | null;
  /** The automatic budget now: min(2 GiB, 10 % of free space). */
  autoBytes: number;
  /** Free space on the data folder's filesystem. */
  freeBytes: number;
}

export interface CheckpointGcFile {
  runId: string;
  seq: number;
  file: string;
  bytes: number;
}

/** One budget pass: what it deleted, or (dry run) would delete, in order. */
export interface CheckpointGcReport extends CheckpointSpace {
  dryRun: boolean;
  deleted: CheckpointGcFile[];
  afterBytes: number;
  /** Kept although over budget: the resume points of unfinished runs. */
  protectedFiles: CheckpointGcFile[];
}

/**
 * The app's cluster settings: where runs go with "Run on the cluster". Never a credential: a
 * Redis password comes from REDIS_PASSWORD, S3 keys from the AWS variables or files.
 */
export interface ClusterSettings {
  redisUrl: string | null;
  storeUrl: string | null;
  /**
   * unset: not configured; idle: configured, not connected yet (the app connects at the first
   * cluster run); connected: this backend holds an open connection; error: the last attempt to
   * connect failed (`error` says why).
   */
  status: 'unset' | 'idle' | 'connected' | 'error';
  error: string | null;
}

/** settings:testCluster: could Redis and the store be reached, and if not, why. */
export interface ClusterTestResult {
  reachable: boolean;
  /** The Redis URL without credentials, as tested. */
  redis: string;
  store: string;
  error: string | null;
  ms: number;
}
