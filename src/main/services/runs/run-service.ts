import { performance } from 'node:perf_hooks';
import { createIndicator } from '../../engine/indicators/index.ts';
import { DEFAULT_HISTORY_SIZE } from '../../engine/mtf/engine-config.ts';
import { MtfEngine } from '../../engine/mtf/mtf-engine.ts';
import { TickMerger } from '../../engine/mtf/tick-merger.ts';
import { TIMEFRAMES, sortTimeframes, type Timeframe } from '../../engine/mtf/timeframes.ts';
import type { PriceSource } from '../../engine/mtf/bar.ts';
import type { Db } from '../db/database.ts';
import { countTicks, openTickSource, readSymbol, type SymbolInfo } from '../ticks/tick-store.ts';
import { BarRecorder } from './bar-recorder.ts';
import { engineConfigOf, type RunConfig } from './run-config.ts';
import { finishRun, insertRun, updateRunProgress } from './run-store.ts';

export class RunInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunInputError';
  }
}

export interface RunRequest {
  symbols: string[];
  from?: number | null;
  to?: number | null;
  timeframes?: Timeframe[];
  indicators?: string[];
  price?: PriceSource;
  historySize?: number;
}

export interface RunProgress {
  runId: string;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  /** Simulated time: the timestamp of the newest bar bucket (ms UTC). */
  simTime: number;
}

export interface RunSummary {
  runId: string;
  ticks: number;
  bars: Record<string, number>;
  seconds: number;
  ticksPerSec: number;
}

/** Turns a request into a complete, canonical config, checking every part against the store. */
export function resolveRunConfig(
  db: Db,
  req: RunRequest,
): { config: RunConfig; symbols: SymbolInfo[] } {
  if (req.symbols.length === 0) throw new RunInputError('no symbol given');
  const symbols = req.symbols.map((name) => {
    const info = readSymbol(db, name);
    if (!info || info.tickCount === 0) {
      throw new RunInputError(
        `no ticks stored for ${name}; import or generate some first (backtestr data list)`,
      );
    }
    return info;
  });
  if (new Set(req.symbols).size !== req.symbols.length)
    throw new RunInputError('a symbol is listed twice');
  const config: RunConfig = {
    symbols: [...req.symbols],
    from: req.from ?? null,
    to: req.to ?? null,
    timeframes: sortTimeframes(req.timeframes ?? [...TIMEFRAMES]),
    indicators: (req.indicators ?? []).map((s) => createIndicator(s).spec),
    price: req.price ?? 'bid',
    historySize: req.historySize ?? DEFAULT_HISTORY_SIZE,
  };
  if (config.from !== null && config.to !== null && config.from >= config.to) {
    throw new RunInputError('--from must be before --to');
  }
  return { config, symbols };
}

const STEP_TICKS = 1 << 20;

/**
 * Creates a run and executes it to the end: ticks from the store through the engine, closed
 * bars into SQLite. Synchronous by design (the CLI runs it directly, the app in a worker).
 */
export function executeRun(
  db: Db,
  req: RunRequest,
  onProgress?: (p: RunProgress) => void,
): RunSummary {
  const { config, symbols } = resolveRunConfig(db, req);
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  const ticksTotal = symbols.reduce((n, s) => n + countTicks(db, s, range), 0);
  const run = insertRun(db, config, ticksTotal);
  const recorder = new BarRecorder(db, run.id, config);
  const engine = new MtfEngine(engineConfigOf(config), recorder);
  const merger = new TickMerger(symbols.map((s) => openTickSource(db, s, range)));
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    while (merger.step(engine, STEP_TICKS) > 0) {
      const done = engine.ticksConsumed;
      onProgress?.({
        runId: run.id,
        ticksDone: done,
        ticksTotal,
        seconds: seconds(),
        simTime: simTime(engine),
      });
    }
    engine.finish();
    recorder.flush();
  } catch (err) {
    recorder.flush();
    updateRunProgress(db, run.id, engine.ticksConsumed, seconds());
    finishRun(db, run.id, 'failed', err instanceof Error ? err.message : String(err));
    throw err;
  }
  const elapsed = seconds();
  updateRunProgress(db, run.id, engine.ticksConsumed, elapsed);
  finishRun(db, run.id, 'completed');
  const bars = Object.fromEntries(config.timeframes.map((tf, k) => [tf, engine.barsClosed[k]]));
  const ticks = engine.ticksConsumed;
  return {
    runId: run.id,
    ticks,
    bars,
    seconds: elapsed,
    ticksPerSec: elapsed > 0 ? ticks / elapsed : 0,
  };
}

function simTime(engine: MtfEngine): number {
  let t = -Infinity;
  for (const f of engine.frames) if (f.partials[0].ticks > 0) t = Math.max(t, f.partials[0].lastTs);
  return t;
}
