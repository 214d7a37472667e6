/**
 * The one IPC contract between the UI and the backend, whatever carries it (Electron IPC, the
 * web bridge, tests). Each channel is `domain:verb` with a zod schema for its arguments —
 * validated in the backend before anything runs — and a result type. Renaming a channel or
 * changing an argument is a compile error in every host and in the UI.
 */
import { z } from 'zod';
import type * as Dto from './dto.ts';
import { chartBarsArgsSchema, type ChartData } from './charts.ts';
import { clusterSettingsSchema } from './cluster-settings.ts';
import { accountSchema, moneySchema, symbolSchema, timeframeSchema } from './field-schemas.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { symbolSpecPatchSchema } from './symbol-spec-rules.ts';
import type * as Sweeps from './sweeps.ts';
import { sweepSpecSchema } from './sweeps.ts';

const runId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.-]+$/, 'not a run id');
const seq = z.number().int().min(1);
const symbol = symbolSchema;
const timeframe = timeframeSchema;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'an ISO date, e.g. 2024-01-01');

export const checkpointPolicySchema = z.object({
  intervalMs: z.number().int().min(0).max(86_400_000),
  everyTicks: z.number().int().min(0),
  keep: z.number().int().min(1).max(1000),
  level: z.number().int().min(1).max(19),
});

const callbackTimeoutMs = z.number().int().min(10).max(3_600_000);

/** Strategy param values by name; checked against the strategy's own schema by the backend. */
const strategyParams = z.record(z.string(), z.union([z.number(), z.boolean(), z.string()]));

export const runStartSchema = z.object({
  symbols: z.array(symbol).min(1),
  from: isoDate.nullable().optional(),
  to: isoDate.nullable().optional(),
  timeframes: z.array(timeframe).min(1).optional(),
  indicators: z.array(z.string().max(64)).optional(),
  price: z.enum(['bid', 'ask', 'mid']).optional(),
  historySize: z.number().int().min(1).max(100_000).optional(),
  strategy: z.string().max(64).nullable().optional(),
  params: strategyParams.optional(),
  account: accountSchema.optional(),
  /** Broker settings (account currency, leverage, stop-out, rollover, rates, contract size). */
  money: moneySchema.optional(),
  /** What the run stores; default all three. */
  record: z.array(z.enum(RECORD_KINDS)).min(1).max(RECORD_KINDS.length).optional(),
  checkpoints: checkpointPolicySchema.nullable().optional(),
  /** How long one strategy callback may run before the run fails (default 5 s). */
  callbackTimeoutMs: callbackTimeoutMs.optional(),
  /** Run it on the cluster of the app's settings (settings:cluster) instead of this machine. */
  cluster: z.boolean().optional(),
});

const none = z.object({}).strict().optional();

/** 1 PiB: far above any disk, still an exact integer (the settings store checks it again). */
export const MAX_CHECKPOINT_BUDGET_BYTES = 2 ** 50;

/** Channels: argument schema + result type (the `result` value is a type carrier only). */
export const contract = {
  'app:info': { args: none, result: {} as Dto.AppInfo },

  'data:list': { args: none, result: [] as Dto.SymbolSummary[] },
  'data:generate': {
    args: z.object({
      symbol,
      start: isoDate,
      days: z.number().int().min(1).max(3660),
      seed: z.number().int().min(0),
      replace: z.boolean().optional(),
    }),
    result: {} as Dto.DataChange,
  },
  'data:import': {
    args: z.object({
      /** A path the backend can read; through the web bridge, an upload id (`upload:…`). */
      file: z.string().min(1).max(4096),
      symbol,
      format: z.enum(['auto', 'generic', 'dukascopy', 'histdata', 'truefx']).optional(),
      replace: z.boolean().optional(),
    }),
    result: {} as Dto.DataChange,
  },
  /** A native file dialog where the host has one; null when cancelled or not available (web). */
  'data:pickFile': { args: none, result: null as string | null },
  /** The spec of every symbol with ticks or a stored spec (issue 12), by name. */
  'data:specs': { args: none, result: [] as Dto.SymbolSpecDto[] },
  /**
   * Merges `spec` onto the symbol's spec in effect and stores it; refused (nothing stored) when
   * the whole does not validate. Runs already started keep the spec they recorded.
   */
  'data:setSpec': {
    args: z.object({ symbol, spec: symbolSpecPatchSchema }),
    result: {} as Dto.SymbolSpecDto,
  },
  /** Forgets the stored spec: the default from the name (and the data) applies again. */
  'data:resetSpec': { args: z.object({ symbol }), result: {} as Dto.SymbolSpecDto },

  'strategies:list': { args: none, result: {} as Dto.StrategyList },

  'runs:list': { args: none, result: [] as Dto.RunInfo[] },
  'runs:get': { args: z.object({ runId }), result: {} as Dto.RunInfo },
  /** Starts in the background; progress and the end arrive as events. */
  'runs:start': { args: runStartSchema, result: {} as { runId: string } },
  'runs:resume': {
    args: z.object({
      runId,
      checkpoint: seq.optional(),
      force: z.boolean().optional(),
      checkpoints: checkpointPolicySchema.nullable().optional(),
      callbackTimeoutMs: callbackTimeoutMs.optional(),
      /** Changed strategy params: the run forks with them from `checkpoint` (fork-params.ts). */
      params: strategyParams.optional(),
    }),
    result: {} as { runId: string; forkedFrom: string | null },
  },
  /** Checkpoint, then mark the run paused. */
  'runs:pause': { args: z.object({ runId }), result: undefined as void },
  /** Ends a running run for good: status 'stopped', statistics to date, not resumable. */
  'runs:stop': { args: z.object({ runId }), result: undefined as void },
  'runs:checkpointNow': { args: z.object({ runId }), result: undefined as void },
  /** Deletes a run that is not running, with its results and checkpoint files. */
  'runs:discard': { args: z.object({ runId }), result: undefined as void },
  /** Interrupted or paused runs with their last valid checkpoint: the resume prompt. */
  'runs:recoverable': { args: none, result: [] as Dto.RecoverableRun[] },
  'runs:results': {
    args: z.object({ runId, maxPoints: z.number().int().min(10).max(100_000).optional() }),
    result: {} as Dto.RunResults,
  },
  /**
   * Writes the run's export to `<data-dir>/exports/<run-id>`, or to `<dir>/<run-id>` when `dir`
   * (an absolute, existing, writable folder outside the data folder: the Electron folder dialog's
   * pick) is given, and returns the folder and files.
   */
  'runs:export': {
    args: z.object({ runId, dir: z.string().min(1).max(4096).optional() }),
    result: {} as { dir: string; files: string[] },
  },
  /** A folder for an export: the native dialog where the host has one (Electron), else null. */
  'runs:pickFolder': { args: none, result: null as string | null },

  /** Candles and indicator series of one symbol/timeframe of a run, by visible range (charts.ts). */
  'charts:bars': { args: chartBarsArgsSchema, result: {} as ChartData },

  'checkpoints:list': { args: z.object({ runId }), result: [] as Dto.CheckpointInfo[] },
  /** Where the run was resumed in place, oldest first: the timeline's crash and resume marks. */
  'checkpoints:resumes': { args: z.object({ runId }), result: [] as Dto.RunResumeMark[] },
  'checkpoints:inspect': { args: z.object({ runId, seq }), result: {} as Dto.InspectReport },
  'checkpoints:verify': {
    args: z.object({ runId, seq }),
    result: {} as { ok: boolean; message: string },
  },
  'checkpoints:diff': { args: z.object({ runId, a: seq, b: seq }), result: {} as Dto.DiffReport },
  /**
   * Writes a self-contained savepoint of checkpoint `seq` to
   * `<data-dir>/exports/<run-id>-savepoint-<seq>.btck`: `backtestr resume --checkpoint FILE`
   * continues the run in any data folder holding the same ticks.
   */
  'checkpoints:exportSavepoint': {
    args: z.object({ runId, seq }),
    result: {} as { file: string; bytes: number },
  },
  /** Refuses the newest valid checkpoint: it is what resume needs. */
  'checkpoints:delete': { args: z.object({ runId, seq }), result: undefined as void },
  /** One pass of the data folder's checkpoint budget; dryRun only reports what would go. */
  'checkpoints:gc': {
    args: z.object({ dryRun: z.boolean() }),
    result: {} as Dto.CheckpointGcReport,
  },

  /** Checkpoint files of the data folder against their budget. */
  'settings:checkpointSpace': { args: none, result: {} as Dto.CheckpointSpace },
  /** bytes null: automatic budget. Takes effect at the next checkpoint write or gc. */
  'settings:setCheckpointBudget': {
    args: z.object({ bytes: z.number().int().min(0).max(MAX_CHECKPOINT_BUDGET_BYTES).nullable() }),
    result: {} as Dto.CheckpointSpace,
  },
  /** The cluster runs go to with `cluster: true`, and this backend's connection to it. */
  'settings:cluster': { args: none, result: {} as Dto.ClusterSettings },
  /**
   * Stores the Redis and store URLs (null: forget them); a Redis URL with a password is refused
   * (REDIS_PASSWORD holds it). A changed target closes this backend's connection to the old one.
   */
  'settings:setCluster': { args: clusterSettingsSchema, result: {} as Dto.ClusterSettings },
  /** Connects to the given URLs (default: the stored ones), bounded by 5 s, and says how it went. */
  'settings:testCluster': {
    args: clusterSettingsSchema.unwrap().optional(),
    result: {} as Dto.ClusterTestResult,
  },

  /** Jobs a spec implies (and why it is invalid): the Optimise form shows it as it is edited. */
  'sweeps:plan': {
    args: z.object({ spec: sweepSpecSchema }),
    result: {} as { jobs: number; windows: number; error: string | null },
  },
  /** Starts in the background; progress arrives as sweep:progress events. */
  'sweeps:start': {
    args: z.object({
      spec: sweepSpecSchema,
      /** Jobs at a time; default the number of cores. */
      workers: z.number().int().min(1).max(64).optional(),
      checkpoints: checkpointPolicySchema.nullable().optional(),
      /** Run the jobs on the cluster of the app's settings instead of this machine. */
      cluster: z.boolean().optional(),
    }),
    result: {} as { sweepId: string },
  },
  'sweeps:list': { args: none, result: [] as Sweeps.SweepInfo[] },
  'sweeps:get': { args: z.object({ sweepId: runId }), result: {} as Sweeps.SweepDetail },
  /** Finishes an interrupted or paused sweep: completed jobs kept, the others resumed or started. */
  'sweeps:resume': {
    args: z.object({ sweepId: runId, workers: z.number().int().min(1).max(64).optional() }),
    result: {} as { sweepId: string },
  },
  /** Checkpoints and pauses the running jobs; the sweep reads paused. */
  'sweeps:pause': { args: z.object({ sweepId: runId }), result: undefined as void },
  /** Interrupted or paused sweeps: the relaunch prompt. */
  'sweeps:recoverable': { args: none, result: [] as Sweeps.SweepInfo[] },
  /** Writes jobs.csv, best.json (and oos_equity.csv) to `<data-dir>/exports/sweep-<id>`. */
  'sweeps:export': {
    args: z.object({ sweepId: runId }),
    result: {} as { dir: string; files: string[] },
  },
} as const;

export type Channel = keyof typeof contract;
export type ArgsOf<C extends Channel> = z.input<(typeof contract)[C]['args']>;
export type ResultOf<C extends Channel> = (typeof contract)[C]['result'];

/** Events pushed from the backend to every UI. */
export interface EventMap {
  /** At most ~10 per second per run. */
  'run:progress': Dto.RunProgressEvent;
  'run:state': Dto.RunStateEvent;
  'checkpoint:written': Dto.CheckpointWrittenEvent;
  'import:progress': Dto.ImportProgressEvent;
  /** At most ~4 per second per generation, and at its end. */
  'generate:progress': Dto.GenerateProgressEvent;
  /** At most ~4 per second per sweep, and at every job's end. */
  'sweep:progress': Sweeps.SweepProgressEvent;
}
export type EventName = keyof EventMap;

/** Parses a channel's arguments; throws ContractError with a readable message. */
export function parseArgs<C extends Channel>(channel: C, args: unknown): ArgsOf<C> {
  // hasOwn: a made-up name such as 'toString' must not reach Object.prototype.
  if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
    throw new ContractError(`unknown channel '${String(channel)}'`);
  }
  const spec = contract[channel];
  const r = spec.args.safeParse(args);
  if (!r.success) {
    const issues = r.error.issues
      .map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
      .join('; ');
    throw new ContractError(`${channel}: invalid arguments (${issues})`);
  }
  return r.data as ArgsOf<C>;
}

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** What the UI calls: the same shape in Electron (preload) and in the browser (web bridge). */
export interface BackendApi {
  invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>>;
  /** Returns its own unsubscribe (contextBridge wraps callbacks, so identity-based off() cannot work). */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
