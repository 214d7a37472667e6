/**
 * `checkpoints:*`: a run's checkpoints for the checkpoint browser. The index rows list them; the
 * files are the truth (a row whose file is gone is 'missing'); inspect, diff and verify read the
 * file itself through the checkpoint reader (checksum, format version, payload), each in a
 * throwaway child process (a worker thread inside Electron) with a heap limit (isolated-read.ts):
 * a hostile file cannot take the backend, and with it the app or the web bridge, down.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckpointInfo } from '../../../shared/dto.ts';
import { parseCheckpointFileName } from '../checkpoints/btck/file-name.ts';
import {
  checkpointsDir,
  listCheckpointRows,
  setCheckpointStatus,
} from '../checkpoints/checkpoint-store.ts';
import { readIsolated } from '../checkpoints/isolated-read.ts';
import { exportSavepoint } from '../checkpoints/savepoint.ts';
import { enforceCheckpointBudget } from '../checkpoints/budget/enforce-budget.ts';
import { readResumeLog } from '../runs/resume-log.ts';
import { requireRun, type BackendContext } from './context.ts';
import { toCheckpointInfo } from './dto-map.ts';
import type { DomainHandlers } from './handler-types.ts';

export function checkpointsHandlers(ctx: BackendContext): DomainHandlers<'checkpoints'> {
  return {
    'checkpoints:list': async ({ runId }) => checkpointInfos(ctx, runId),

    'checkpoints:resumes': async ({ runId }) => {
      requireRun(ctx, runId);
      return readResumeLog(ctx.dataDir, runId).map(({ previous, ...at }) => ({
        ...at,
        ended:
          previous === 'interrupted'
            ? 'crashed'
            : previous === 'paused' || previous === 'failed'
              ? previous
              : 'other',
      }));
    },

    'checkpoints:inspect': async ({ runId, seq }) =>
      readIsolated({ op: 'inspect', file: checkpointFile(ctx, runId, seq) }),

    'checkpoints:diff': async ({ runId, a, b }) =>
      readIsolated({
        op: 'diff',
        a: checkpointFile(ctx, runId, a),
        b: checkpointFile(ctx, runId, b),
      }),

    'checkpoints:verify': async ({ runId, seq }) => verify(ctx, runId, seq),

    'checkpoints:delete': async ({ runId, seq }) => deleteCheckpoint(ctx, runId, seq),

    'checkpoints:exportSavepoint': async ({ runId, seq }) => {
      requireRun(ctx, runId);
      const dir = path.join(ctx.dataDir, 'exports');
      fs.mkdirSync(dir, { recursive: true });
      const out = path.join(dir, `${runId}-savepoint-${seq}.btck`);
      // The app's own export folder: a second export of the same checkpoint replaces the first.
      const s = await exportSavepoint(ctx.db, ctx.dataDir, { runId, seq, out, force: true });
      return { file: s.file, bytes: s.bytes };
    },
    'checkpoints:gc': async ({ dryRun }) =>
      enforceCheckpointBudget(ctx.db, ctx.dataDir, { dryRun }),
  };
}

function checkpointInfos(ctx: BackendContext, runId: string): CheckpointInfo[] {
  const run = requireRun(ctx, runId);
  const dir = checkpointsDir(ctx.dataDir, runId);
  return listCheckpointRows(ctx.db, runId).map((r) => toCheckpointInfo(r, run.ticksTotal, dir));
}

/** Where checkpoint `seq` of a run should be: its index row's file, else a file of that seq. */
function checkpointPath(ctx: BackendContext, runId: string, seq: number): string | null {
  requireRun(ctx, runId);
  const dir = checkpointsDir(ctx.dataDir, runId);
  const row = listCheckpointRows(ctx.db, runId).find((r) => r.seq === seq);
  if (row?.file) return path.join(dir, row.file);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const name = names.find((n) => parseCheckpointFileName(n)?.seq === seq);
  return name === undefined ? null : path.join(dir, name);
}

/** lstat, not exists: a dangling symlink is an entry, which the reader then refuses as corrupt. */
function entryExists(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

function checkpointFile(ctx: BackendContext, runId: string, seq: number): string {
  const file = checkpointPath(ctx, runId, seq);
  if (file === null) throw new Error(`run ${runId} has no checkpoint ${seq}`);
  if (!entryExists(file)) throw new Error(`checkpoint ${seq} of run ${runId} is missing: ${file}`);
  return file;
}

/**
 * Damage and newer formats are answers (ok: false), not errors: that is what verify is for. So is
 * a reader that had to be stopped (memory limit, deadline): the file is not usable as it is.
 */
async function verify(
  ctx: BackendContext,
  runId: string,
  seq: number,
): Promise<{ ok: boolean; message: string }> {
  const file = checkpointPath(ctx, runId, seq);
  if (file === null) throw new Error(`run ${runId} has no checkpoint ${seq}`);
  if (!entryExists(file)) return { ok: false, message: `the file is missing: ${file}` };
  try {
    return await readIsolated({ op: 'verify', file, dataDir: ctx.dataDir });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/**
 * Deletes a checkpoint's file and marks its row deleted. The newest valid checkpoint is refused:
 * resuming the run continues from it, and without it the run would go back to an older one.
 */
function deleteCheckpoint(ctx: BackendContext, runId: string, seq: number): void {
  const infos = checkpointInfos(ctx, runId);
  const info = infos.find((c) => c.seq === seq);
  if (!info) throw new Error(`run ${runId} has no checkpoint ${seq}`);
  if (info.status === 'deleted' || info.status === 'gc')
    throw new Error(`checkpoint ${seq} of run ${runId} is already deleted`);
  const newest = infos.filter((c) => c.status === 'valid').at(-1);
  if (newest?.seq === seq) {
    throw new Error(
      `checkpoint ${seq} is the newest valid checkpoint of run ${runId}: resuming the run needs it, so it cannot be deleted`,
    );
  }
  const row = listCheckpointRows(ctx.db, runId).find((r) => r.seq === seq)!;
  if (row.file) fs.rmSync(path.join(checkpointsDir(ctx.dataDir, runId), row.file), { force: true });
  setCheckpointStatus(ctx.db, runId, seq, 'deleted');
}
