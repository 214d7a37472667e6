import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/database.ts';
import { fencedWrite, RunFencedError, type RunClaim } from '../runs/run-fence.ts';
import { captureForWriter, type CaptureContext } from './checkpoint-capture.ts';
import { CHECKPOINT_FORMAT_VERSION, type CheckpointTrigger } from './checkpoint-data.ts';
import { serializeForWriter } from './checkpoint-handoff.ts';
import {
  recordCheckpoint,
  setCheckpointStatus,
  listCheckpointRows,
  checkpointsDir,
} from './checkpoint-store.ts';
import { CheckpointWriter, type CheckpointResult } from './checkpoint-writer.ts';
import type { CheckpointJob } from './checkpoint-writer-protocol.ts';
import { applyRetention, planRetention } from './retention.ts';
import {
  budgetPassesSettled,
  prepareBudgetThread,
  requestBudgetPass,
} from './budget/budget-thread.ts';
import { removeStrayTemps } from './btck/durable-file.ts';
import { parseCheckpointFileName } from './btck/file-name.ts';

export interface CheckpointPolicy {
  /** Wall-clock interval between checkpoints, ms (0 = off). */
  intervalMs: number;
  /** A checkpoint every N ticks (0 = off). */
  everyTicks: number;
  /** Newest valid checkpoints kept (plus milestones). */
  keep: number;
  /** zstd level. */
  level: number;
}

export const DEFAULT_POLICY: CheckpointPolicy = {
  intervalMs: 60_000,
  everyTicks: 1_000_000,
  keep: 5,
  level: 3,
};

/** Numbers a benchmark or a progress view wants. */
export interface CheckpointStats {
  written: number;
  failed: number;
  skipped: number;
  pauseMs: number[];
  writeMs: number[];
  bytes: number[];
  lastError: string | null;
}

/**
 * Decides nothing about *when* (the run loop does); it turns a trigger into a checkpoint:
 * capture on the engine thread, then hand the bytes to the writer thread. At most one write is
 * in flight; a trigger that finds one running is skipped and counted. A written file is
 * recorded valid only after the writer read it back; retention runs after each success.
 */
export class CheckpointManager {
  readonly dir: string;
  readonly stats: CheckpointStats = {
    written: 0,
    failed: 0,
    skipped: 0,
    pauseMs: [],
    writeMs: [],
    bytes: [],
    lastError: null,
  };
  onWritten: ((r: CheckpointResult, trigger: CheckpointTrigger) => void) | null = null;
  readonly #db: Db;
  readonly #claim: RunClaim;
  /** Set once a write was refused because the run has another owner; the session must stop. */
  #fenced: RunFencedError | null = null;
  /** Set once the writer could not commit the run output a checkpoint counted: stop the run. */
  #rowsLost: Error | null = null;
  readonly #ctx: CaptureContext;
  readonly #policy: CheckpointPolicy;
  /** null until the first checkpoint when the writer is started lazily (open's `writer` null). */
  #writer: Promise<CheckpointWriter> | null;
  readonly #startWriter: () => Promise<CheckpointWriter>;
  #seq: number;
  #inFlight: Promise<CheckpointResult> | null = null;
  /** The data folder whose checkpoint budget is enforced after each write. */
  #dataDir = '';

  private constructor(
    db: Db,
    claim: RunClaim,
    dir: string,
    ctx: CaptureContext,
    policy: CheckpointPolicy,
    writer: Promise<CheckpointWriter> | null,
    seq: number,
  ) {
    this.#db = db;
    this.#claim = claim;
    this.dir = dir;
    this.#ctx = ctx;
    this.#policy = policy;
    this.#writer = writer;
    this.#seq = seq;
    this.#startWriter = () => CheckpointManager.startWriter(db);
  }

  /**
   * Every index row, retention step and file rename is fenced by `claim` (run-fence.ts).
   * `writer`: one the caller started earlier (startWriter), so that the thread's start-up
   * overlaps the rest of the session's set-up; by default one is started here; null: started
   * by the first checkpoint (a sweep job, mostly shorter than an interval, needs none).
   */
  static async open(
    db: Db,
    claim: RunClaim,
    dataDir: string,
    ctx: CaptureContext,
    policy: CheckpointPolicy,
    writer: Promise<CheckpointWriter> | null = CheckpointManager.startWriter(db),
  ): Promise<CheckpointManager> {
    const dir = checkpointsDir(dataDir, ctx.runId);
    let lastSeq: number;
    try {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      removeStrayTemps(dir, dataDir); // a crash mid-write leaves NAME.tmp behind; never valid
      const rows = listCheckpointRows(db, ctx.runId);
      lastSeq = Math.max(0, ...rows.map((r) => r.seq), ...seqsOnDisk(dir));
    } catch (err) {
      void writer?.then((w) => w.close()).catch(() => {}); // no manager will own it
      throw err;
    }
    // A lazy session (a sweep job) starts no thread it may never need; the first write does.
    if (writer) prepareBudgetThread();
    // An eager writer that failed to start fails the session here, before any tick, as before.
    const ready = writer ? Promise.resolve(await writer) : null;
    const manager = new CheckpointManager(db, claim, dir, ctx, policy, ready, lastSeq);
    manager.#dataDir = dataDir;
    return manager;
  }

  /** The writer thread for checkpoints of runs in `db` (its fence connection opened). */
  static startWriter(db: Db): Promise<CheckpointWriter> {
    return CheckpointWriter.start({ fenceDb: db.name });
  }

  get busy(): boolean {
    return this.#inFlight !== null;
  }

  /** Capture now and write in the background; false when skipped because a write is in flight. */
  trigger(
    kind: CheckpointTrigger,
    simTime: number,
    elapsedSeconds: number,
    ticksPerSec: number,
  ): boolean {
    if (this.#fenced) throw this.#fenced;
    if (this.#rowsLost) throw this.#rowsLost;
    if (this.#inFlight) {
      this.stats.skipped++;
      return false;
    }
    const seq = ++this.#seq;
    const t0 = performance.now();
    const wallTime = Date.now();
    const meta = { trigger: kind, wallTime, elapsedSeconds, ticksPerSec };
    // The recorder's buffered output goes to the writer too, which commits it before the file.
    const { data, writes } = captureForWriter(this.#ctx, seq, simTime, meta);
    const ticks = data.ticks;
    // The engine thread only copies the capture out; the writer thread encodes it.
    const job: CheckpointJob = {
      dir: this.dir,
      seq,
      ticks,
      createdAt: wallTime,
      version: CHECKPOINT_FORMAT_VERSION,
      level: this.#policy.level,
      payload: serializeForWriter(data),
      payloadFormat: 'handoff',
      fence: { ...this.#claim, dbPath: this.#db.name },
      ...(writes && { rows: writes }),
    };
    this.#writer ??= this.#startWriter();
    const written = this.#writer.then(
      (w) => w.write(job),
      (err: Error): CheckpointResult => ({
        ok: false,
        seq,
        error: `the checkpoint writer could not start: ${err.message}`,
        code: 'EWORKER',
      }),
    );
    // Everything the engine thread spends on this checkpoint, the hand-over message included.
    const pauseMs = performance.now() - t0;
    this.stats.pauseMs.push(pauseMs);
    this.#inFlight = written.then((r) => {
      this.#inFlight = null;
      try {
        this.#written(r, kind, ticks, simTime, wallTime, pauseMs);
      } catch (e) {
        // Kept for the engine thread (trigger, settle): thrown here, nobody would catch it.
        if (!(e instanceof RunFencedError)) throw e;
        this.#fenced = e;
      }
      return r;
    });
    return true;
  }

  #written(
    r: CheckpointResult,
    trigger: CheckpointTrigger,
    ticks: number,
    simTime: number,
    wallTime: number,
    pauseMs: number,
  ): void {
    const base = { runId: this.#ctx.runId, seq: r.seq, ticks, simTime, wallTime, trigger, pauseMs };
    if (r.ok) {
      this.stats.written++;
      this.stats.writeMs.push(r.totalMs);
      this.stats.bytes.push(r.bytes);
      fencedWrite(this.#db, this.#claim, () => {
        recordCheckpoint(this.#db, {
          ...base,
          bytes: r.bytes,
          status: 'valid',
          file: path.basename(r.path),
          writeMs: r.totalMs,
        });
        this.#retain();
      });
      // The data folder's budget, after this run's own retention, on another thread.
      requestBudgetPass(this.#dataDir);
    } else {
      if (r.code === 'EROWS') this.#rowsLost = new Error(r.error);
      this.stats.failed++;
      this.stats.lastError = r.error;
      const row = { ...base, bytes: 0, status: 'failed' as const, file: '', writeMs: null };
      fencedWrite(this.#db, this.#claim, () => recordCheckpoint(this.#db, row));
    }
    this.onWritten?.(r, trigger);
  }

  /** Inside the fenced transaction of the new row: a session that lost its run deletes no file. */
  #retain(): void {
    const rows = listCheckpointRows(this.#db, this.#ctx.runId).filter((r) => r.status === 'valid');
    const plan = planRetention(
      rows.map((r) => ({ seq: r.seq, ticks: r.ticks, valid: true, trigger: r.trigger })),
      { keep: this.#policy.keep, ticksTotal: this.#ctx.ticksTotal },
    );
    const files = new Map(rows.map((r) => [r.seq, path.join(this.dir, r.file)]));
    applyRetention(this.dir, plan, files);
    for (const seq of plan.remove) setCheckpointStatus(this.#db, this.#ctx.runId, seq, 'deleted');
  }

  /** Waits for the write in flight, if any. */
  async settle(): Promise<CheckpointResult | null> {
    const r = this.#inFlight ? await this.#inFlight : null;
    if (this.#fenced) throw this.#fenced;
    if (this.#rowsLost) throw this.#rowsLost;
    return r;
  }

  /** Waits for the write in flight and stops the writer; never throws for a lost run. */
  async close(): Promise<void> {
    await this.#inFlight;
    await this.#writer?.then(
      (w) => w.close(),
      () => {}, // never started: its failure was reported as a failed checkpoint
    );
    await budgetPassesSettled();
  }
}

/** Seqs of the checkpoint files in `dir` (also quarantined ones: a seq is never reused). */
function seqsOnDisk(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .map((f) => parseCheckpointFileName(f.replace(/(\.\d+)?\.corrupt$/, ''))?.seq)
    .filter((seq): seq is number => seq !== undefined);
}
