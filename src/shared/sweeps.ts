/**
 * Optimisation sweeps (issue 10), as every transport and the UI see them: what a sweep searches
 * (SweepSpec, stored as JSON with the sweep: everything that determines its result), its jobs,
 * and the figures the UI shows. One source of truth for the CLI, the backend and the renderer.
 */
import { z } from 'zod';
import {
  accountSchema,
  moneySchema,
  symbolSchema,
  timeframeSchema,
  type MoneyRequest,
} from './field-schemas.ts';
import { RECORD_KINDS } from './record-kinds.ts';

/** What a sweep maximises (max-drawdown-pct is minimised). CLI spelling. */
export const SWEEP_OBJECTIVES = [
  'net-profit',
  'profit-factor',
  'sharpe',
  'max-drawdown-pct',
  'return-over-drawdown',
] as const;
export type SweepObjective = (typeof SWEEP_OBJECTIVES)[number];

export const OBJECTIVE_LABELS: Record<SweepObjective, string> = {
  'net-profit': 'Net profit',
  'profit-factor': 'Profit factor',
  sharpe: 'Sharpe ratio',
  'max-drawdown-pct': 'Max drawdown %',
  'return-over-drawdown': 'Return / drawdown',
};

export type ParamValue = number | boolean | string;

/**
 * One swept param: `fast=5:20:5` (from:to:step, both ends included when on the step) or
 * `slow=20,30,50` (a list, in the order given).
 */
export type SweptParam =
  | { name: string; kind: 'range'; from: number; to: number; step: number }
  | { name: string; kind: 'list'; values: ParamValue[] };

/** grid: every combination; random: `samples` distinct grid points drawn with `seed`. */
export type SweepSearch = { kind: 'grid' } | { kind: 'random'; samples: number; seed: number };

/** Rolling walk-forward: optimise on each in-sample window, trade the best on the next one. */
export interface WalkForward {
  inSampleMs: number;
  outOfSampleMs: number;
}

/** The base run of every job: a run request without the swept params (see RunRequest). */
export interface SweepBase {
  symbols: string[];
  from: number | null;
  to: number | null;
  timeframes?: string[];
  indicators?: string[];
  price?: 'bid' | 'ask' | 'mid';
  historySize?: number;
  strategy: string;
  /** Params every job shares (typed values). */
  fixed: Record<string, ParamValue>;
  account?: { balance?: number; lotSize?: number; commissionPerLot?: number; slippage?: number };
  /** Broker settings every job shares (RunRequest.money); absent in sweeps of older versions. */
  money?: MoneyRequest;
  /** What each job's run stores; default trades, equity. */
  record: ('bars' | 'trades' | 'equity')[];
}

export interface SweepSpec {
  base: SweepBase;
  params: SweptParam[];
  search: SweepSearch;
  objective: SweepObjective;
  /** A job with fewer trades is never the best. */
  minTrades: number;
  walkForward: WalkForward | null;
}

export type SweepStatus = 'running' | 'paused' | 'completed' | 'failed' | 'interrupted';
export type SweepJobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'interrupted';
/** 'search': a job of a plain sweep; 'is'/'oos': in-sample / out-of-sample of a window. */
export type SweepJobPhase = 'search' | 'is' | 'oos';

export interface SweepJobInfo {
  /** 0-based, the order of the plan (grid order; a window's OOS job after its IS jobs). */
  index: number;
  phase: SweepJobPhase;
  /** Walk-forward window (0-based); null for a plain sweep. */
  window: number | null;
  /** The swept params' values of this job (fixed params are in the spec). */
  params: Record<string, ParamValue>;
  status: SweepJobStatus;
  runId: string | null;
  stats: Record<string, number | null> | null;
  /** The objective's value; null when not computable (or the job has not finished). */
  objective: number | null;
  error: string | null;
}

export interface SweepInfo {
  id: string;
  createdAt: number;
  status: SweepStatus;
  spec: SweepSpec;
  jobsTotal: number;
  jobsDone: number;
  jobsFailed: number;
  /** Index of the best job (plain sweep: over all; walk-forward: null, see windows). */
  bestJob: number | null;
  seconds: number;
  error: string | null;
}

export interface SweepWindowInfo {
  window: number;
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
  /** The IS job whose params the OOS job trades; null until the window's IS jobs are done. */
  bestJob: number | null;
  oosJob: number | null;
}

export interface SweepDetail extends SweepInfo {
  jobs: SweepJobInfo[];
  windows: SweepWindowInfo[];
  /** Walk-forward: statistics of the stitched out-of-sample equity; null otherwise. */
  oosStats: Record<string, number | null> | null;
}

export interface SweepProgressEvent {
  sweepId: string;
  status: SweepStatus;
  jobsTotal: number;
  jobsDone: number;
  jobsFailed: number;
  jobsRunning: number;
  jobsPerSec: number;
  etaSeconds: number | null;
}

// ---- IPC argument schemas -------------------------------------------------------------------

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a param name');
const paramValue = z.union([z.number(), z.boolean(), z.string().max(64)]);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const sweptParamSchema = z.union([
  z.object({
    name,
    kind: z.literal('range'),
    from: z.number(),
    to: z.number(),
    step: z.number().positive(),
  }),
  z.object({ name, kind: z.literal('list'), values: z.array(paramValue).min(1).max(10_000) }),
]);

export const sweepSpecSchema = z.object({
  base: z.object({
    symbols: z.array(symbolSchema).min(1).max(64),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    timeframes: z.array(timeframeSchema).optional(),
    indicators: z.array(z.string().max(64)).max(64).optional(),
    price: z.enum(['bid', 'ask', 'mid']).optional(),
    historySize: z.number().int().min(1).max(100_000).optional(),
    strategy: z.string().min(1).max(64),
    fixed: z.record(name, paramValue),
    account: accountSchema.optional(),
    money: moneySchema.optional(),
    record: z.array(z.enum(RECORD_KINDS)).min(1).max(RECORD_KINDS.length),
  }),
  params: z.array(sweptParamSchema).min(1).max(16),
  search: z.union([
    z.object({ kind: z.literal('grid') }),
    z.object({
      kind: z.literal('random'),
      samples: z.number().int().min(1).max(100_000),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1),
    }),
  ]),
  objective: z.enum(SWEEP_OBJECTIVES),
  minTrades: z.number().int().min(0).max(1_000_000),
  walkForward: z
    .object({
      inSampleMs: z
        .number()
        .int()
        .min(HOUR)
        .max(3660 * DAY),
      outOfSampleMs: z
        .number()
        .int()
        .min(HOUR)
        .max(3660 * DAY),
    })
    .nullable(),
});

/** The most jobs one sweep may plan: a bound on what a spec can make us allocate and store. */
export const MAX_SWEEP_JOBS = 100_000;
