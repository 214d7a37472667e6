import fs from 'node:fs';
import path from 'node:path';
import { CorruptCheckpointError } from '../checkpoints/btck/errors.ts';
import { quarantine } from '../checkpoints/btck/durable-file.ts';
import { parseCheckpointFileName } from '../checkpoints/btck/file-name.ts';
import { configHash } from '../checkpoints/checkpoint-capture.ts';
import { readCheckpointFile, type CheckpointFile } from '../checkpoints/checkpoint-reader.ts';
import {
  checkpointsDir,
  listCheckpointRows,
  setCheckpointStatus,
} from '../checkpoints/checkpoint-store.ts';
import { changedSymbols, storeCheckProblems } from '../checkpoints/content/store-checks.ts';
import { CheckpointContentError } from '../checkpoints/content/validate-checkpoint.ts';
import type { Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { loadStrategy } from '../strategies/strategy-loader.ts';
import type { StrategyModule } from '../../engine/strategy/types.ts';
import type { RunConfig, RunRecord } from './run-config.ts';
import { configWithParams } from './fork-params.ts';
import { forkRun } from './fork-run.ts';
import { appendResumeLog } from './resume-log.ts';
import { claimRun, releaseRun } from './run-ownership.ts';
import { restartFromFirstTick } from './restart-run.ts';
import { forgetImportedRun, importSavepointRun } from './savepoint-import.ts';
import { runSession, type RunOptions, type RunSummary, type SessionSetup } from './run-service.ts';
import { getRun } from './run-store.ts';
import { ticksStoredFor } from './unconsumed-ticks.ts';

export interface ResumeRequest {
  runId: string;
  /** A checkpoint seq of the run, or a .btck path; default: the newest valid one. */
  checkpoint?: number | string;
  /** Resume even if the stored ticks no longer match the checkpoint's fingerprint. */
  force?: boolean;
  /**
   * Strategy params to change for the rest of the run (fork-params.ts); a change always forks,
   * so the run the checkpoint belongs to keeps its own params.
   */
  params?: Record<string, unknown>;
}

export interface ResumeSummary extends RunSummary {
  /** null: there was no usable checkpoint, so the run started again from its first tick. */
  resumedFrom: { runId: string; seq: number; ticks: number; file: string } | null;
  /** Set when resuming an older checkpoint made a new run. */
  forkedFrom: string | null;
  /** Damaged checkpoint files moved aside (renamed *.corrupt) on the way. */
  quarantined: string[];
}

export class ResumeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeError';
  }
}

/** Checkpoint files of a run, newest first. */
function filesNewestFirst(dir: string): { seq: number; file: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, parsed: parseCheckpointFileName(name) }))
    .filter((f) => f.parsed !== null)
    .map((f) => ({ seq: f.parsed!.seq, file: path.join(dir, f.name) }))
    .sort((a, b) => b.seq - a.seq);
}

/**
 * Newest → oldest (or just the one asked for); a damaged file — bytes, content or disagreement
 * with the store — is quarantined and the next tried.
 * null: none asked for and none usable — the run's own beginning is the oldest fallback.
 */
function pickCheckpoint(
  db: Db,
  dataDir: string,
  run: RunRecord,
  req: ResumeRequest,
  quarantined: string[],
): { ckpt: CheckpointFile; newest: boolean } | null {
  const dir = checkpointsDir(dataDir, req.runId);
  const all = filesNewestFirst(dir);
  let candidates = all;
  if (typeof req.checkpoint === 'number') candidates = all.filter((f) => f.seq === req.checkpoint);
  else if (typeof req.checkpoint === 'string')
    candidates = [{ seq: -1, file: path.resolve(req.checkpoint) }];
  if (candidates.length === 0) {
    if (req.checkpoint === undefined) return null;
    throw new ResumeError(
      `run ${req.runId} has no checkpoint ${req.checkpoint} (backtestr checkpoints list ${req.runId})`,
    );
  }
  for (const c of candidates) {
    try {
      const read = readCheckpointFile(c.file);
      // The content checks passed; now against the store: ticks, the run record, its rows, and
      // the bars a 'store' checkpoint's histories are rebuilt from.
      const store = storeCheckProblems(db, read.data, run);
      if (store.problems.length > 0) throw new CheckpointContentError(store.problems, c.file);
      if (store.restorable === null)
        throw new ResumeError(
          `checkpoint ${c.file} keeps its bar history in the bar store of run ${read.data.runId}, ` +
            `which is not in this data folder; export a savepoint there (backtestr checkpoints export ` +
            `${read.data.runId} ${read.data.seq} --out FILE) and resume that`,
        );
      const ckpt = { ...read, data: store.restorable };
      // Newest: nothing later on the run's timeline (damaged later files were just moved aside).
      const newest =
        req.checkpoint === undefined ||
        (ckpt.data.runId === req.runId && ckpt.data.seq === all[0]?.seq);
      return { ckpt, newest };
    } catch (err) {
      if (!(err instanceof CorruptCheckpointError)) throw err;
      if (req.checkpoint !== undefined) throw err; // the user named this one: say what is wrong, touch nothing
      // An entry that vanished since the listing has nothing to move aside; try the next one.
      if (fs.lstatSync(c.file, { throwIfNoEntry: false })) quarantined.push(quarantine(c.file));
      setCheckpointStatus(db, req.runId, c.seq, 'corrupt');
    }
  }
  return null; // every one was damaged (and moved aside)
}

/** The config with changed params, or null when none are given or they change nothing. */
function paramsFor(
  config: RunConfig,
  module: StrategyModule | null,
  params: Record<string, unknown> | undefined,
): RunConfig | null {
  if (params === undefined) return null;
  if (module === null) throw new ResumeError('the run has no strategy: it has no params to change');
  try {
    const next = configWithParams(config, module, params);
    return next.changed ? next.config : null;
  } catch (err) {
    throw new ResumeError((err as Error).message);
  }
}

function checkFingerprint(db: Db, ckpt: CheckpointFile): void {
  const changed = changedSymbols(db, ckpt.data);
  if (changed.length > 0) {
    throw new ResumeError(
      `the stored ticks of ${changed.join(', ')} changed since checkpoint ${ckpt.data.seq} ` +
        `(re-imported or replaced); resuming would not reproduce the run. Use --force to resume anyway.`,
    );
  }
}

/**
 * Resumes a run from a checkpoint: exact state restored (no indicator recalculation), output
 * rows past the checkpoint's watermarks deleted and its pending rows re-queued, ticks continue
 * from the cursor. A checkpoint older than the run's newest (or of a finished run) forks a new
 * run, so the original stays intact and any point on the timeline can be a starting point.
 * A run without a usable checkpoint (killed before its first one) starts again from its first
 * tick under the same id (restart-run.ts). A savepoint (`--checkpoint FILE`) of a run that is not
 * in this data folder creates it here under the same id (savepoint-import.ts).
 */
export async function resumeRun(
  db: Db,
  dataDir: string,
  req: ResumeRequest,
  opts: RunOptions = {},
): Promise<ResumeSummary> {
  await loadHasher();
  // A savepoint of a run this data folder does not have creates the run, under its own id.
  const imported = !getRun(db, req.runId) && typeof req.checkpoint === 'string';
  if (imported)
    importSavepointRun(db, req.runId, path.resolve(req.checkpoint as string), req.force);
  else if (!getRun(db, req.runId))
    throw new ResumeError(`no run '${req.runId}' (backtestr runs list shows the runs)`);
  let claim;
  try {
    claim = claimRun(db, req.runId); // refuse early if another process is running it
  } catch (err) {
    if (imported) forgetImportedRun(db, req.runId);
    throw err;
  }
  // Read the status only now that the run is ours: a process that just finished it may have
  // released it a moment ago, and resuming a completed run in place would redo its end.
  const run = getRun(db, req.runId)!;
  if ((run.status === 'completed' || run.status === 'stopped') && req.checkpoint === undefined) {
    releaseRun(db, claim);
    throw new ResumeError(
      `run ${req.runId} is ${run.status}; to start again from one of its checkpoints, pass --checkpoint SEQ (it forks a new run)`,
    );
  }
  const quarantined: string[] = [];
  let setup: SessionSetup;
  let from: { runId: string; seq: number; ticks: number; file: string } | null = null;
  let fork = false;
  try {
    const picked = pickCheckpoint(db, dataDir, run, req, quarantined);
    if (picked === null) {
      setup = await restartFromFirstTick(db, dataDir, claim, run, opts.loadWatch);
    } else {
      const { ckpt, newest } = picked;
      const data = ckpt.data;
      if (!req.force) checkFingerprint(db, ckpt);
      if (data.runId !== req.runId && data.configHash !== configHash(run.config)) {
        throw new ResumeError(
          `checkpoint ${ckpt.path} belongs to run ${data.runId}, whose settings differ from run ${req.runId}`,
        );
      }
      const module = data.config.strategy
        ? (await loadStrategy(dataDir, data.config.strategy.name, opts.loadWatch)).module
        : null;
      const changed = paramsFor(data.config, module, req.params);
      const config = changed ?? data.config;
      // A savepoint never overwrites a run that is here already: it resumes as a fork of it.
      const savepoint = data.meta.trigger === 'savepoint';
      fork =
        !imported &&
        (!newest ||
          run.status === 'completed' ||
          data.runId !== req.runId ||
          savepoint ||
          changed !== null);
      if (fork) releaseRun(db, claim); // the original stays as it is; the fork is ours
      const runId = fork ? forkRun(db, req.runId, data, config) : req.runId;
      const strategy =
        module && config.strategy
          ? { module, params: config.strategy.params, file: config.strategy.file }
          : null;
      from = { runId: data.runId, seq: data.seq, ticks: data.ticks, file: ckpt.path };
      setup = {
        runId,
        claim: fork ? undefined : claim,
        config,
        strategy,
        // Forced over changed data, the run gets (and must consume) the ticks stored now.
        ticksTotal: req.force ? ticksStoredFor(db, data.config) : data.ticksTotal,
        cursor: data.cursor,
        secondsBefore: data.meta.elapsedSeconds,
        // An imported run gets a checkpoint of its own at once, as a fork does.
        checkpointAtStart: fork || imported,
        restore: (backtest, recorder) => {
          backtest.restore(data.state);
          recorder.resumeFrom(data.watermarks, data.pending);
          // A savepoint's output is all pending: commit it now, in one fenced transaction, so
          // the first checkpoint here is as small as any other.
          if (savepoint) recorder.flush();
        },
      };
    }
  } catch (err) {
    releaseRun(db, claim); // a resume that cannot start leaves the run free for the next try
    if (imported) forgetImportedRun(db, req.runId); // nor a run made of a savepoint that did not start
    throw err;
  }
  // A run continued in place (not a fork, not a savepoint made into a run here) gets a note of
  // where, for the checkpoint timeline's crash and resume marks (resume-log.ts).
  if (!fork && !imported) {
    const last = listCheckpointRows(db, req.runId).at(-1); // ordered by seq
    appendResumeLog(dataDir, req.runId, {
      wallTime: Date.now(),
      fromSeq: from?.seq ?? null,
      fromTicks: from?.ticks ?? 0,
      afterSeq: last?.seq ?? null,
      // Progress is stored per engine step: it may lag the checkpoint written after it.
      stoppedAtTicks: Math.max(run.ticksDone, last?.ticks ?? 0),
      previous: run.status,
    });
  }
  const summary = await runSession(db, dataDir, setup, opts);
  return { ...summary, resumedFrom: from, forkedFrom: fork ? req.runId : null, quarantined };
}
