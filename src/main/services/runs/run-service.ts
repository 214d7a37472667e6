import { Backtest } from '../../engine/backtest/backtest.ts';
import type { BacktestStrategy } from '../../engine/backtest/backtest.ts';
import type { RunReport, Statistics } from '../../engine/results/statistics.ts';
import type { CallbackWatch } from '../../engine/strategy/callback-watch.ts';
import { configHash, fingerprintOf } from '../checkpoints/checkpoint-capture.ts';
import {
  CheckpointManager,
  type CheckpointPolicy,
  type CheckpointStats,
} from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { storeRateSource } from '../money/store-rates.ts';
import type { LoadWatch } from '../strategies/strategy-loader.ts';
import { countTicks, openTickSource, readSymbol } from '../ticks/tick-store.ts';
import {
  engineConfigOf,
  portfolioConfigOf,
  recordedKinds,
  type RecordKind,
  type RunConfig,
} from './run-config.ts';
import { driveRun, RunControl, type RunProgress } from './run-loop.ts';
import { HeartbeatThread } from './heartbeat-thread.ts';
import { fencedWrite, RunFencedError, type RunClaim } from './run-fence.ts';
import { claimRun, releaseRun } from './run-ownership.ts';
import { RunRecorder } from './run-recorder.ts';
import { prepareRun, type PreparedRun, type RunRequest } from './run-request.ts';
import { finalResults, toDateResults } from './run-report.ts';
import {
  finishRun,
  insertRun,
  saveRunStats,
  setRunStatus,
  updateRunProgress,
} from './run-store.ts';

export { prepareRun, RunInputError, type RunRequest, type PreparedRun } from './run-request.ts';
export { RunControl, type RunProgress } from './run-loop.ts';

export interface RunOptions {
  /** null or undefined: no checkpoints. */
  checkpoints?: CheckpointPolicy | null;
  control?: RunControl;
  /** ≤ 10 per second; the backtest is passed for views of its live state (read only). */
  onProgress?: (p: RunProgress, backtest: Backtest) => void;
  /** Called after every checkpoint write, valid or failed. */
  onCheckpoint?: CheckpointManager['onWritten'];
  /** Called with the run id as soon as the run exists (before any tick). */
  onStart?: (runId: string) => void;
  /** Marks strategy callbacks for a watchdog on another thread (isolation/run-host.ts). */
  callbackWatch?: CallbackWatch;
  /** Told while a user strategy module loads (resumeRun loads the run's strategy). */
  loadWatch?: LoadWatch;
  /**
   * A sweep job's session (services/sweeps): it writes no end checkpoint — a sweep never resumes
   * a completed job — and, checkpointing by time only, starts its writer thread with its first
   * checkpoint: most jobs end before their first interval and start no checkpoint thread at all.
   */
  sweepJob?: boolean;
}

export interface RunSummary {
  runId: string;
  status: 'completed' | 'paused' | 'stopped';
  ticks: number;
  bars: Record<string, number>;
  /** What the run stores (RunConfig.record, all three by default). */
  record: RecordKind[];
  /** Computation seconds over all sessions of the run. */
  seconds: number;
  /** Throughput of this session. */
  ticksPerSec: number;
  /** Present when a run with a strategy completed. */
  stats?: Statistics;
  /** With stats: the monthly returns and warnings. */
  report?: RunReport;
  checkpoints?: Pick<CheckpointStats, 'written' | 'skipped' | 'failed' | 'lastError'>;
}

/** A run ready to go: fresh or restored from a checkpoint. */
export interface SessionSetup {
  runId: string;
  config: RunConfig;
  strategy: BacktestStrategy | null;
  ticksTotal: number;
  /** Ticks already consumed per symbol (the resume cursor); zeros for a fresh run. */
  cursor: number[];
  secondsBefore: number;
  /** A fork writes a checkpoint of its starting point at once, so it can itself be resumed. */
  checkpointAtStart?: boolean;
  /** The session's claim when the caller already took it (resume); else runSession claims. */
  claim?: RunClaim;
  /** Restores state into the backtest and recorder; absent for a fresh run. */
  restore?: (backtest: Backtest, recorder: RunRecorder) => void;
}

/** Creates a run from a prepared request and drives it (to the end, or until paused). */
export async function startRun(
  db: Db,
  dataDir: string,
  prepared: PreparedRun,
  opts: RunOptions = {},
): Promise<RunSummary> {
  const { config, symbols } = prepared;
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  const ticksTotal = symbols.reduce((n, s) => n + countTicks(db, s, range), 0);
  const run = insertRun(db, config, ticksTotal, null, prepared.runId, prepared.sweepJob ?? null);
  return runSession(
    db,
    dataDir,
    {
      runId: run.id,
      config,
      strategy: prepared.strategy,
      ticksTotal,
      cursor: config.symbols.map(() => 0),
      secondsBefore: 0,
    },
    opts,
  );
}

/**
 * Runs one session of a run in this process: claims it, starts its heartbeat thread, wires
 * engine, recorder and checkpoints, drives it, and records the outcome. Every write is fenced by
 * the claim. A failure (a throwing strategy) marks the run failed and keeps what was stored; the
 * error is rethrown for the caller to report. A session that lost its run to another one stops
 * with a RunFencedError and leaves the run as the other session made it.
 */
export async function runSession(
  db: Db,
  dataDir: string,
  setup: SessionSetup,
  opts: RunOptions,
): Promise<RunSummary> {
  const { runId, config } = setup;
  const claim = setup.claim ?? claimRun(db, runId);
  // Started now and awaited just before the engine runs, so that its start-up (a worker thread;
  // measured 0.6-1 s on a loaded 2-core machine) overlaps the rest of the set-up. Until its first
  // beat the claim's own timestamp counts, for a whole staleness window.
  const beating = HeartbeatThread.start(db, claim);
  beating.catch(() => {}); // its failure is reported where it is awaited
  const stopBeating = () =>
    beating.then(
      (b) => b.stop(),
      () => {},
    );
  try {
    setRunStatus(db, claim, 'running');
  } catch (err) {
    await stopBeating();
    releaseRun(db, claim);
    throw err;
  }
  opts.onStart?.(runId);
  const recorder = new RunRecorder(db, claim, config);
  const backtest = new Backtest(
    {
      engine: engineConfigOf(config),
      portfolio: portfolioConfigOf(config),
      strategy: setup.strategy,
      rates: storeRateSource(db, config),
    },
    { bars: recorder, trades: recorder, equity: recorder },
  );
  backtest.callbackWatch = opts.callbackWatch ?? null;
  // Like the heartbeat, the checkpoint writer's thread starts now: its start-up (0.4-2 s measured
  // on a loaded 2-core machine) overlaps the restore, the set-up and the heartbeat's start-up
  // instead of following them before the first tick.
  // A sweep job checkpointing by time only starts its writer with its first checkpoint (most
  // end before one); with a tick trigger it starts now, or its first triggers would be skipped
  // while the thread starts.
  const lazyWriter = opts.sweepJob === true && (opts.checkpoints?.everyTicks ?? 0) === 0;
  let writer = opts.checkpoints && !lazyWriter ? CheckpointManager.startWriter(db) : null;
  writer?.catch(() => {}); // its failure is reported where it is awaited (CheckpointManager.open)
  let manager: CheckpointManager | null = null;
  try {
    if (setup.restore) setup.restore(backtest, recorder);
    else backtest.start();
    const range = { from: config.from ?? undefined, to: config.to ?? undefined };
    const merger = backtest.merger(
      config.symbols.map((name, i) =>
        openTickSource(db, readSymbol(db, name)!, { ...range, skip: setup.cursor[i] }),
      ),
    );
    if (opts.checkpoints) {
      await loadHasher();
      const ctx = {
        runId,
        config,
        configHash: configHash(config),
        fingerprint: fingerprintOf(db, config),
        ticksTotal: setup.ticksTotal,
        backtest,
        recorder,
      };
      const starting = writer; // null: started by the first checkpoint
      writer = null; // the manager owns it from here, and closes it
      manager = await CheckpointManager.open(db, claim, dataDir, ctx, opts.checkpoints, starting);
      if (opts.onCheckpoint) manager.onWritten = opts.onCheckpoint;
    }
    const control = opts.control ?? new RunControl();
    const beat = await beating;
    const status = await driveRun({
      db,
      runId,
      claim,
      claimLost: () => beat.lost,
      config,
      backtest,
      recorder,
      merger,
      ticksTotal: setup.ticksTotal,
      checkpoints: manager,
      policy: opts.checkpoints ?? null,
      secondsBefore: setup.secondsBefore,
      control,
      onProgress: opts.onProgress,
      checkpointAtStart: setup.checkpointAtStart ?? false,
      endCheckpoint: !opts.sweepJob,
    });
    await manager?.close();
    return finishSession(db, claim, setup, backtest, recorder, status, manager);
  } catch (err) {
    await manager?.close().catch(() => {});
    await writer?.then((w) => w.close()).catch(() => {}); // started, never handed to a manager
    throw recordFailure(db, claim, err, () => {
      recorder.flush();
      updateRunProgress(db, claim, backtest.engine.ticksConsumed, setup.secondsBefore);
      if (config.strategy)
        saveToDateOfFailure(db, claim, { db, runId, config, backtest, recorder });
    });
  } finally {
    await stopBeating();
    releaseRun(db, claim);
  }
}

/**
 * Marks the run failed with what it kept (`keep` stores the last rows and progress) and returns
 * the error to throw. A session that lost its run (RunFencedError) writes nothing: the run is
 * another session's now, and marking it failed would overwrite that session's result.
 */
function recordFailure(db: Db, claim: RunClaim, err: unknown, keep: () => void): unknown {
  if (err instanceof RunFencedError) return err;
  try {
    keep();
    finishRun(db, claim, 'failed', err instanceof Error ? err.message : String(err));
  } catch (e) {
    if (e instanceof RunFencedError) return e; // lost it meanwhile: that is the news
    throw e;
  }
  return err;
}

function finishSession(
  db: Db,
  claim: RunClaim,
  setup: SessionSetup,
  backtest: Backtest,
  recorder: RunRecorder,
  status: 'completed' | 'paused' | 'stopped',
  manager: CheckpointManager | null,
): RunSummary {
  const { runId, config } = setup;
  const engine = backtest.engine;
  const row = db.prepare('SELECT seconds FROM runs WHERE id = ?').get(runId) as { seconds: number };
  let stats: Statistics | undefined;
  let report: RunReport | undefined;
  const finished = { db, runId, config, backtest, recorder };
  if (status === 'completed') {
    // One fenced transaction: a completed run always has its statistics.
    fencedWrite(db, claim, () => {
      if (config.strategy) {
        const results = finalResults(finished, setup.strategy);
        stats = results.stats;
        report = results.report;
        saveRunStats(db, claim, results.stats, results.report);
      }
      finishRun(db, claim, 'completed');
    });
  } else {
    fencedWrite(db, claim, () => {
      if (config.strategy) {
        recorder.flush();
        saveToDate(db, claim, finished);
      }
      // Stopped ends the run (finished_at) with these statistics to date; paused waits for a resume.
      if (status === 'stopped') finishRun(db, claim, 'stopped');
      else setRunStatus(db, claim, 'paused');
    });
  }
  const ticks = engine.ticksConsumed;
  const sessionTicks = ticks - setup.cursor.reduce((a, b) => a + b, 0);
  const sessionSeconds = row.seconds - setup.secondsBefore;
  return {
    runId,
    status,
    ticks,
    bars: Object.fromEntries(config.timeframes.map((tf, k) => [tf, engine.barsClosed[k]])),
    record: recordedKinds(config),
    seconds: row.seconds,
    ticksPerSec: sessionSeconds > 0 ? sessionTicks / sessionSeconds : 0,
    ...(stats && { stats }),
    ...(report && { report }),
    ...(manager && {
      checkpoints: {
        written: manager.stats.written,
        skipped: manager.stats.skipped,
        failed: manager.stats.failed,
        lastError: manager.stats.lastError,
      },
    }),
  };
}

/**
 * Stores the statistics to date of a run that stops before its end (report.toDate); its
 * completion replaces them. The live state is not touched (toDateResults).
 */
function saveToDate(db: Db, claim: RunClaim, f: Parameters<typeof toDateResults>[0]): void {
  const { stats, report } = toDateResults(f);
  saveRunStats(db, claim, stats, report);
}

/**
 * The same for a failed run. They are a courtesy there: if they cannot be computed (the failure
 * may be the store's), the run's own error is what to report, not this one's.
 */
function saveToDateOfFailure(db: Db, claim: RunClaim, f: Parameters<typeof toDateResults>[0]) {
  try {
    saveToDate(db, claim, f);
  } catch (err) {
    if (err instanceof RunFencedError) throw err;
  }
}

/** prepareRun + startRun: a whole backtest in one call (no checkpoints unless asked). */
export async function runBacktest(
  db: Db,
  dataDir: string,
  req: RunRequest,
  opts: RunOptions = {},
): Promise<RunSummary> {
  return startRun(db, dataDir, await prepareRun(db, dataDir, req, opts.loadWatch), opts);
}
