/**
 * `runs:*`: start and resume runs in the background (ActiveRuns), pause them, and read, export,
 * recover or discard stored runs. Checkpoints are on by default (DEFAULT_POLICY); `checkpoints:
 * null` runs without.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ArgsOf } from '../../../shared/contract.ts';
import type { RecoverableRun } from '../../../shared/dto.ts';
import { DEFAULT_POLICY, type CheckpointPolicy } from '../checkpoints/checkpoint-manager.ts';
import { checkpointsDir, listCheckpointRows, runDir } from '../checkpoints/checkpoint-store.ts';
import { exportRun } from '../runs/export-service.ts';
import type { RunRequest } from '../runs/run-service.ts';
import { listRuns } from '../runs/run-store.ts';
import { requireRun, utcMs, type BackendContext } from './context.ts';
import { clusterRunInfo } from './cluster-run-rows.ts';
import { toCheckpointInfo, toRunInfo } from './dto-map.ts';
import type { DomainHandlers } from './handler-types.ts';
import { runResults } from './run-results.ts';

export function runsHandlers(ctx: BackendContext): DomainHandlers<'runs'> {
  const { db, dataDir, runs } = ctx;
  return {
    /** Oldest first, as `backtestr runs list`; runs whose process died read as interrupted. */
    'runs:list': async () => listRuns(db).map((r) => toRunInfo(r, clusterRunInfo(db, r.id))),

    'runs:get': async ({ runId }) => toRunInfo(requireRun(ctx, runId), clusterRunInfo(db, runId)),

    /** The run's worker prepares it (loads the strategy): bad input rejects this call. */
    'runs:start': async (args) => {
      const runId = await runs.launch(
        { kind: 'start', request: runRequestOf(args) },
        {
          checkpoints: policyOf(args.checkpoints),
          callbackTimeoutMs: args.callbackTimeoutMs,
          cluster: args.cluster,
        },
      );
      return { runId };
    },

    /** Resuming an older checkpoint (or a completed run) forks a new run: its id comes back. */
    'runs:resume': async ({ runId, checkpoint, force, checkpoints, callbackTimeoutMs, params }) => {
      if (runs.has(runId)) throw new Error(`run ${runId} is running; nothing to resume`);
      // A run sent to a cluster has its checkpoints in the store: it is followed there again.
      const sent = clusterRunInfo(db, runId);
      const cluster = sent !== null;
      if (sent) ctx.cluster.requireSame(`run ${runId}`, sent);
      if (cluster && (checkpoint !== undefined || params !== undefined))
        throw new Error(
          `run ${runId} ran on the cluster: it resumes from the store's newest checkpoint, with its own params`,
        );
      const resumed = await runs.launch(
        { kind: 'resume', request: { runId, checkpoint, force, ...(params && { params }) } },
        { checkpoints: policyOf(checkpoints), callbackTimeoutMs, cluster },
      );
      return { runId: resumed, forkedFrom: resumed === runId ? null : runId };
    },

    'runs:pause': ({ runId }) => runs.pause(runId),

    'runs:stop': ({ runId }) => runs.stop(runId),

    'runs:checkpointNow': async ({ runId }) => runs.checkpointNow(runId),

    'runs:discard': async ({ runId }) => discardRun(ctx, runId),

    'runs:recoverable': async () => recoverableRuns(ctx),

    'runs:results': async ({ runId, maxPoints }) =>
      runResults(db, requireRun(ctx, runId), maxPoints),

    'runs:export': async ({ runId, dir: chosen }) => {
      const dir = path.join(
        chosen === undefined ? path.join(dataDir, 'exports') : exportParent(chosen, dataDir),
        runId,
      );
      return { dir, files: exportRun(db, runId, dir) };
    },

    /** No dialog here: a host that has one (Electron) answers this channel itself. */
    'runs:pickFolder': async () => null,
  };
}

function policyOf(p: CheckpointPolicy | null | undefined): CheckpointPolicy | null {
  return p === undefined ? { ...DEFAULT_POLICY } : p;
}

function runRequestOf(args: ArgsOf<'runs:start'>): RunRequest {
  return {
    symbols: args.symbols,
    from: args.from ? utcMs('from', args.from) : null,
    to: args.to ? utcMs('to', args.to) : null,
    timeframes: args.timeframes,
    indicators: args.indicators,
    price: args.price,
    historySize: args.historySize,
    strategy: args.strategy ?? null,
    params: args.params,
    account: args.account,
    money: args.money,
    record: args.record,
  };
}

/**
 * Deletes a run that nobody is running: its row (bars, trades, equity and checkpoint rows go with
 * it: ON DELETE CASCADE) and its folder with the checkpoint files. Exports are left alone.
 */
function discardRun(ctx: BackendContext, runId: string): void {
  if (ctx.runs.has(runId)) throw new Error(`run ${runId} is running; pause it before discarding`);
  requireRun(ctx, runId); // also marks it interrupted if its process died
  // The status check and the delete are one statement: a process claiming the run meanwhile wins.
  const deleted = ctx.db
    .prepare(`DELETE FROM runs WHERE id = ? AND status <> 'running'`)
    .run(runId).changes;
  if (deleted === 0) throw new Error(`run ${runId} is being run by another process; stop it first`);
  fs.rmSync(runDir(ctx.dataDir, runId), { recursive: true, force: true });
}

/**
 * Interrupted and paused runs (not active here), newest first, each with its newest valid
 * checkpoint — what the app offers to resume; null when there is none to resume from.
 */
function recoverableRuns(ctx: BackendContext): RecoverableRun[] {
  return listRuns(ctx.db)
    .filter((r) => (r.status === 'interrupted' || r.status === 'paused') && !ctx.runs.has(r.id))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => {
      const dir = checkpointsDir(ctx.dataDir, r.id);
      const valid = listCheckpointRows(ctx.db, r.id)
        .map((row) => toCheckpointInfo(row, r.ticksTotal, dir))
        .filter((c) => c.status === 'valid');
      return {
        run: toRunInfo(r, clusterRunInfo(ctx.db, r.id)),
        lastCheckpoint: valid.at(-1) ?? null,
      };
    });
}

/**
 * A folder the user chose for an export, checked: absolute (no working-directory guess), an
 * existing folder we may write to, and not inside the data folder (the app's own files).
 */
function exportParent(dir: string, dataDir: string): string {
  if (!path.isAbsolute(dir)) throw new Error(`export folder '${dir}' is not an absolute path`);
  const resolved = path.resolve(dir);
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    throw new Error(`export folder '${dir}' does not exist`);
  }
  if (!fs.statSync(real).isDirectory()) throw new Error(`export folder '${dir}' is not a folder`);
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    throw new Error(`export folder '${dir}' is not writable`);
  }
  const rel = path.relative(fs.realpathSync(dataDir), real);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new Error(`export folder '${dir}' is inside the data folder; choose another folder`);
  }
  return real;
}
