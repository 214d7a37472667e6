import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Backtest } from '../../engine/backtest/backtest.ts';
import type { TickMerger } from '../../engine/mtf/tick-merger.ts';
import type { CheckpointTrigger } from '../checkpoints/checkpoint-data.ts';
import type { CheckpointManager, CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import type { Db } from '../db/database.ts';
import type { RunConfig } from './run-config.ts';
import type { RunRecorder } from './run-recorder.ts';
import { assertOwner, type RunClaim } from './run-fence.ts';
import { updateRunProgress } from './run-store.ts';
import { checkAllTicksConsumed } from './unconsumed-ticks.ts';

/**
 * Who asked for a pause, as its checkpoint's trigger: 'pause' is the user's Pause button;
 * 'shutdown' the app closing, the OS suspending or shutting down, or a signal.
 */
export type PauseReason = 'pause' | 'shutdown';

/** Asks a running loop, from outside (signals, the app's buttons), to checkpoint or pause. */
export class RunControl {
  checkpointRequested = false;
  pauseRequested = false;
  pauseReason: PauseReason = 'shutdown';
  stopRequested = false;

  requestCheckpoint(): void {
    this.checkpointRequested = true;
  }

  /** Checkpoint, mark the run paused and return from the loop. */
  /** End the run here for good ('stopped', statistics to date), without a checkpoint. */
  requestStop(): void {
    this.stopRequested = true;
  }

  requestPause(reason: PauseReason = 'shutdown'): void {
    // A user's Pause is not relabelled by a shutdown that comes while it is being taken.
    if (!this.pauseRequested) this.pauseReason = reason;
    this.pauseRequested = true;
  }
}

export interface RunProgress {
  runId: string;
  ticksDone: number;
  ticksTotal: number;
  /** Seconds of computation over all sessions of the run. */
  seconds: number;
  /** Ticks per second of this session. */
  ticksPerSec: number;
  /** Simulated time: the newest tick processed (ms UTC). */
  simTime: number;
}

export interface LoopSession {
  db: Db;
  runId: string;
  /** Fences every write of the loop (progress, rows, checkpoints). */
  claim: RunClaim;
  /** True once the session's heartbeat thread found the run owned by another session. */
  claimLost: () => boolean;
  config: RunConfig;
  backtest: Backtest;
  recorder: RunRecorder;
  merger: TickMerger;
  ticksTotal: number;
  checkpoints: CheckpointManager | null;
  policy: CheckpointPolicy | null;
  /** Computation seconds of earlier sessions (a resumed run). */
  secondsBefore: number;
  checkpointAtStart: boolean;
  /** Write a checkpoint when the data ends (default); a sweep job's session does not. */
  endCheckpoint?: boolean;
  control: RunControl;
  /** The backtest is passed for views of its live state (partial bars, equity); read it, never mutate. */
  onProgress?: (p: RunProgress, backtest: Backtest) => void;
}

/** Small steps: checkpoints land at exact tick counts and triggers are seen within ~10 ms. */
const STEP_TICKS = 65_536;

/**
 * Test hook: BACKTESTR_TEST_THROTTLE_MS sleeps that long after every step, so end-to-end tests
 * can watch (and kill) a run mid-flight on a small data set. Never set in normal use.
 */
const THROTTLE_MS = Number(process.env.BACKTESTR_TEST_THROTTLE_MS ?? 0);
/**
 * Test hook: BACKTESTR_TEST_CKPT_NO_SKIP=1 makes a tick trigger wait for the writer instead of
 * being skipped, so tests that count checkpoints do not depend on how loaded the machine is.
 */
const WAIT_FOR_WRITER = process.env.BACKTESTR_TEST_CKPT_NO_SKIP === '1';
const PROGRESS_MS = 100;
/** How often the stored progress moves (signs of life are the heartbeat thread's job). */
const STORE_PROGRESS_MS = 1000;

/** The newest tick time seen by any symbol's bars (still known after the end-of-data flush). */
export function simulatedTime(b: Backtest): number {
  let t = NaN;
  for (const f of b.engine.frames) if (!(f.partials[0].lastTs <= t)) t = f.partials[0].lastTs;
  return t;
}

/**
 * Drives a run until its data ends ('completed') or a pause is requested ('paused'), taking
 * checkpoints on the way. Between steps it yields to the event loop, so the writer thread's
 * replies, signals and IPC are handled while the engine works.
 */
export async function driveRun(s: LoopSession): Promise<'completed' | 'paused' | 'stopped'> {
  const engine = s.backtest.engine;
  const startTicks = engine.ticksConsumed;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const rate = () => (seconds() > 0 ? (engine.ticksConsumed - startTicks) / seconds() : 0);
  const every = s.policy?.everyTicks ?? 0;
  let nextTickTrigger =
    every > 0 ? (Math.floor(engine.ticksConsumed / every) + 1) * every : Infinity;
  let lastCheckpointAt = performance.now();
  let lastProgress = 0;
  let lastStored = 0;
  const checkpoint = (kind: CheckpointTrigger) => {
    lastCheckpointAt = performance.now();
    return (
      s.checkpoints?.trigger(
        kind,
        simulatedTime(s.backtest),
        s.secondsBefore + seconds(),
        rate(),
      ) ?? false
    );
  };
  const report = (force: boolean) => {
    const now = performance.now();
    if (now - lastStored >= STORE_PROGRESS_MS || force) {
      lastStored = now;
      updateRunProgress(s.db, s.claim, engine.ticksConsumed, s.secondsBefore + seconds());
    }
    if (s.onProgress && (now - lastProgress >= PROGRESS_MS || force)) {
      lastProgress = now;
      const p = {
        runId: s.runId,
        ticksDone: engine.ticksConsumed,
        ticksTotal: s.ticksTotal,
        seconds: s.secondsBefore + seconds(),
        ticksPerSec: rate(),
        simTime: simulatedTime(s.backtest),
      };
      s.onProgress(p, s.backtest);
    }
  };

  if (s.checkpointAtStart) checkpoint('fork');
  for (;;) {
    // Lost to another session: stop before computing more (assertOwner throws and says who).
    if (s.claimLost()) assertOwner(s.db, s.claim);
    if (s.control.stopRequested) {
      // No checkpoint: a stopped run is over, and its statistics come from the live state.
      await s.checkpoints?.settle();
      s.recorder.flush();
      report(true);
      return 'stopped';
    }
    if (s.control.pauseRequested) {
      await s.checkpoints?.settle();
      checkpoint(s.control.pauseReason);
      await s.checkpoints?.settle();
      s.recorder.flush();
      report(true);
      return 'paused';
    }
    const budget = Math.min(STEP_TICKS, nextTickTrigger - engine.ticksConsumed);
    if (s.merger.step(engine, budget) === 0) break;
    if (engine.ticksConsumed >= nextTickTrigger) {
      nextTickTrigger += every;
      if (WAIT_FOR_WRITER) await s.checkpoints?.settle();
      checkpoint('ticks');
    } else if (s.control.checkpointRequested) {
      // A manual request waits for a free writer rather than being skipped: the user asked.
      if (!s.checkpoints?.busy) {
        checkpoint('manual');
        s.control.checkpointRequested = false;
      }
    } else if (
      s.policy &&
      s.policy.intervalMs > 0 &&
      performance.now() - lastCheckpointAt >= s.policy.intervalMs
    ) {
      checkpoint('interval');
    }
    report(false);
    if (THROTTLE_MS > 0) await new Promise((r) => setTimeout(r, THROTTLE_MS));
    else await yieldToEventLoop();
  }
  checkAllTicksConsumed(engine.ticksConsumed, s.ticksTotal);
  s.backtest.finish();
  s.recorder.flush();
  await s.checkpoints?.settle();
  if (s.endCheckpoint ?? true) {
    checkpoint('end');
    await s.checkpoints?.settle();
  }
  report(true);
  return 'completed';
}
