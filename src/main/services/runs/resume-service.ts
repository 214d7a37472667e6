import fs from 'node:fs';
import path from 'node:path';
import { CorruptCheckpointError } from '../checkpoints/btck/errors.ts';
import { quarantine } from '../checkpoints/btck/durable-file.ts';
import { parseCheckpointFileName } from '../checkpoints/btck/file-name.ts';
import { configHash, fingerprintOf } from '../checkpoints/checkpoint-capture.ts';
import type { SymbolFingerprint } from '../checkpoints/checkpoint-data.ts';
import { readCheckpointFile, type CheckpointFile } from '../checkpoints/checkpoint-reader.ts';
import { checkpointsDir, setCheckpointStatus } from '../checkpoints/checkpoint-store.ts';
import type { Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { loadStrategy } from '../strategies/strategy-loader.ts';
import type { RunConfig } from './run-config.ts';
import { forkRun } from './fork-run.ts';
import { claimRun, releaseRun } from './run-ownership.ts';
import { runSession, type RunOptions, type RunSummary } from './run-service.ts';
import { getRun } from './run-store.ts';
import { ticksStoredFor } from './unconsumed-ticks.ts';

export interface ResumeRequest {
  runId: string;
  /** A checkpoint seq of the run, or a .btck path; default: the newest valid one. */
  checkpoint?: number | string;
  /** Resume even if the stored ticks no longer match the checkpoint's fingerprint. */
  force?: boolean;
}

export interface ResumeSummary extends RunSummary {
  resumedFrom: { runId: string; seq: number; ticks: number; file: string };
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

/** Newest → oldest (or just the one asked for); a damaged file is quarantined and the next tried. */
function pickCheckpoint(
  db: Db,
  dataDir: string,
  req: ResumeRequest,
  quarantined: string[],
): { ckpt: CheckpointFile; newest: boolean } {
  const dir = checkpointsDir(dataDir, req.runId);
  const all = filesNewestFirst(dir);
  let candidates = all;
  if (typeof req.checkpoint === 'number') candidates = all.filter((f) => f.seq === req.checkpoint);
  else if (typeof req.checkpoint === 'string')
    candidates = [{ seq: -1, file: path.resolve(req.checkpoint) }];
  if (candidates.length === 0) {
    throw new ResumeError(
      req.checkpoint === undefined
        ? `run ${req.runId} has no checkpoints in ${dir}; start it again with backtestr run`
        : `run ${req.runId} has no checkpoint ${req.checkpoint} (backtestr checkpoints list ${req.runId})`,
    );
  }
  for (const c of candidates) {
    try {
      const ckpt = readCheckpointFile(c.file);
      // Newest: nothing later on the run's timeline (damaged later files were just moved aside).
      const newest =
        req.checkpoint === undefined ||
        (ckpt.data.runId === req.runId && ckpt.data.seq === all[0]?.seq);
      return { ckpt, newest };
    } catch (err) {
      if (!(err instanceof CorruptCheckpointError)) throw err;
      if (req.checkpoint !== undefined) throw err; // the user named this one: say what is wrong, touch nothing
      quarantined.push(quarantine(c.file));
      setCheckpointStatus(db, req.runId, c.seq, 'corrupt');
    }
  }
  throw new ResumeError(
    `no valid checkpoint left for run ${req.runId}; damaged ones were moved aside: ${quarantined.join(', ')}`,
  );
}

function checkFingerprint(db: Db, config: RunConfig, ckpt: CheckpointFile): void {
  const now = fingerprintOf(db, config);
  const same = (a: SymbolFingerprint, b: SymbolFingerprint | undefined) =>
    b !== undefined &&
    a.symbol === b.symbol &&
    a.tickCount === b.tickCount &&
    Object.is(a.firstTs, b.firstTs) &&
    Object.is(a.lastTs, b.lastTs) &&
    a.contentHash === b.contentHash;
  const changed = ckpt.data.fingerprint.filter((f, i) => !same(f, now[i]));
  if (changed.length > 0) {
    throw new ResumeError(
      `the stored ticks of ${changed.map((f) => f.symbol).join(', ')} changed since checkpoint ${ckpt.data.seq} ` +
        `(re-imported or replaced); resuming would not reproduce the run. Use --force to resume anyway.`,
    );
  }
}

/**
 * Resumes a run from a checkpoint: exact state restored (no indicator recalculation), output
 * rows past the checkpoint's watermarks deleted and its pending rows re-queued, ticks continue
 * from the cursor. A checkpoint older than the run's newest (or of a finished run) forks a new
 * run, so the original stays intact and any point on the timeline can be a starting point.
 */
export async function resumeRun(
  db: Db,
  dataDir: string,
  req: ResumeRequest,
  opts: RunOptions = {},
): Promise<ResumeSummary> {
  await loadHasher();
  if (!getRun(db, req.runId))
    throw new ResumeError(`no run '${req.runId}' (backtestr runs list shows the runs)`);
  claimRun(db, req.runId); // refuse early if another process is running it
  // Read the status only now that the run is ours: a process that just finished it may have
  // released it a moment ago, and resuming a completed run in place would redo its end.
  const run = getRun(db, req.runId)!;
  if (run.status === 'completed' && req.checkpoint === undefined) {
    releaseRun(db, req.runId);
    throw new ResumeError(
      `run ${req.runId} is completed; to start again from one of its checkpoints, pass --checkpoint SEQ (it forks a new run)`,
    );
  }
  let prepared;
  try {
    const quarantined: string[] = [];
    const { ckpt, newest } = pickCheckpoint(db, dataDir, req, quarantined);
    const data = ckpt.data;
    if (!req.force) checkFingerprint(db, data.config, ckpt);
    if (data.runId !== req.runId && data.configHash !== configHash(run.config)) {
      throw new ResumeError(
        `checkpoint ${ckpt.path} belongs to run ${data.runId}, whose settings differ from run ${req.runId}`,
      );
    }
    const fork = !newest || run.status === 'completed' || data.runId !== req.runId;
    if (fork) releaseRun(db, req.runId); // the original stays as it is; the fork is ours
    const runId = fork ? forkRun(db, req.runId, data) : req.runId;
    const strategy = data.config.strategy
      ? {
          module: (await loadStrategy(dataDir, data.config.strategy.name)).module,
          params: data.config.strategy.params,
          file: data.config.strategy.file,
        }
      : null;
    prepared = { data, fork, runId, strategy, quarantined, file: ckpt.path };
  } catch (err) {
    releaseRun(db, req.runId); // a resume that cannot start leaves the run free for the next try
    throw err;
  }
  const { data, fork, runId, strategy, quarantined, file } = prepared;
  const summary = await runSession(
    db,
    dataDir,
    {
      runId,
      config: data.config,
      strategy,
      // Forced over changed data, the run gets (and must consume) the ticks stored now.
      ticksTotal: req.force ? ticksStoredFor(db, data.config) : data.ticksTotal,
      cursor: data.cursor,
      secondsBefore: data.meta.elapsedSeconds,
      checkpointAtStart: fork,
      restore: (backtest, recorder) => {
        backtest.restore(data.state);
        recorder.resumeFrom(data.watermarks, data.pending);
      },
    },
    opts,
  );
  return {
    ...summary,
    resumedFrom: { runId: data.runId, seq: data.seq, ticks: data.ticks, file },
    forkedFrom: fork ? req.runId : null,
    quarantined,
  };
}
