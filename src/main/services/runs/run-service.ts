import { performance } from 'node:perf_hooks';
import { Backtest } from '../../engine/backtest/backtest.ts';
import type { Statistics } from '../../engine/results/statistics.ts';
import type { Db } from '../db/database.ts';
import { countTicks, openTickSource } from '../ticks/tick-store.ts';
import { engineConfigOf, portfolioConfigOf } from './run-config.ts';
import type { PreparedRun } from './run-request.ts';
import { RunRecorder } from './run-recorder.ts';
import { runStatistics } from './run-statistics.ts';
import { finishRun, insertRun, saveRunStats, updateRunProgress } from './run-store.ts';

import { prepareRun, type RunRequest } from './run-request.ts';

export { prepareRun, RunInputError, type RunRequest, type PreparedRun } from './run-request.ts';

export interface RunProgress {
  runId: string;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  /** Simulated time: the newest tick processed (ms UTC). */
  simTime: number;
}

export interface RunSummary {
  runId: string;
  ticks: number;
  bars: Record<string, number>;
  seconds: number;
  ticksPerSec: number;
  /** Present when the run had a strategy. */
  stats?: Statistics;
}

const STEP_TICKS = 1 << 20;

/**
 * Creates a run and executes it to the end: ticks from the store through the backtest, results
 * into SQLite. Synchronous by design (the CLI runs it directly, the app in a worker). A failing
 * strategy marks the run failed, keeps what was stored, and rethrows.
 */
export function executeRun(
  db: Db,
  prepared: PreparedRun,
  onProgress?: (p: RunProgress) => void,
): RunSummary {
  const { config, symbols } = prepared;
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  const ticksTotal = symbols.reduce((n, s) => n + countTicks(db, s, range), 0);
  const run = insertRun(db, config, ticksTotal);
  const recorder = new RunRecorder(db, run.id, config);
  const backtest = new Backtest(
    {
      engine: engineConfigOf(config),
      portfolio: portfolioConfigOf(config),
      strategy: prepared.strategy,
    },
    { bars: recorder, trades: recorder, equity: recorder },
  );
  const engine = backtest.engine;
  const merger = backtest.merger(symbols.map((s) => openTickSource(db, s, range)));
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    backtest.start();
    while (merger.step(engine, STEP_TICKS) > 0) {
      const simTime = simulatedTime(backtest);
      onProgress?.({
        runId: run.id,
        ticksDone: engine.ticksConsumed,
        ticksTotal,
        seconds: seconds(),
        simTime,
      });
    }
    backtest.finish();
    recorder.flush();
  } catch (err) {
    recorder.flush();
    updateRunProgress(db, run.id, engine.ticksConsumed, seconds());
    finishRun(db, run.id, 'failed', err instanceof Error ? err.message : String(err));
    throw err;
  }
  const elapsed = seconds();
  updateRunProgress(db, run.id, engine.ticksConsumed, elapsed);
  let stats: Statistics | undefined;
  if (config.strategy) {
    stats = runStatistics(db, run.id, config, backtest.portfolio.exposure());
    saveRunStats(db, run.id, stats);
  }
  finishRun(db, run.id, 'completed');
  const bars = Object.fromEntries(config.timeframes.map((tf, k) => [tf, engine.barsClosed[k]]));
  const ticks = engine.ticksConsumed;
  return {
    runId: run.id,
    ticks,
    bars,
    seconds: elapsed,
    ticksPerSec: elapsed > 0 ? ticks / elapsed : 0,
    ...(stats && { stats }),
  };
}

/** The newest tick time seen by any symbol's bars (the portfolio only sees ticks when trading). */
function simulatedTime(b: Backtest): number {
  let t = -Infinity;
  for (const f of b.engine.frames)
    if (f.partials[0].ticks > 0) t = Math.max(t, f.partials[0].lastTs);
  return t;
}

/** prepareRun + executeRun: what the CLI's `run` does. */
export async function runBacktest(
  db: Db,
  dataDir: string,
  req: RunRequest,
  onProgress?: (p: RunProgress) => void,
): Promise<RunSummary> {
  return executeRun(db, await prepareRun(db, dataDir, req), onProgress);
}
