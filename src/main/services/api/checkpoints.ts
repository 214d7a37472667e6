/**
 * `checkpoints:*`: a run's checkpoints for the checkpoint browser. The index rows list them; the
 * files are the truth (a row whose file is gone is 'missing'); inspect, diff and verify read the
 * file itself through the checkpoint reader (checksum, format version, payload).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckpointInfo } from '../../../shared/dto.ts';
import {
  CorruptCheckpointError,
  UnsupportedCheckpointVersionError,
} from '../checkpoints/btck/errors.ts';
import { parseCheckpointFileName } from '../checkpoints/btck/file-name.ts';
import { readCheckpointFile } from '../checkpoints/checkpoint-reader.ts';
import { verifiedText, verifyCheckpoint } from '../checkpoints/checkpoint-verify.ts';
import {
  checkpointsDir,
  listCheckpointRows,
  setCheckpointStatus,
} from '../checkpoints/checkpoint-store.ts';
import { diffCheckpoints, inspectCheckpoint } from '../checkpoints/report/index.ts';
import { requireRun, type BackendContext } from './context.ts';
import { toCheckpointInfo } from './dto-map.ts';
import type { DomainHandlers } from './handler-types.ts';

export function checkpointsHandlers(ctx: BackendContext): DomainHandlers<'checkpoints'> {
  return {
    'checkpoints:list': async ({ runId }) => checkpointInfos(ctx, runId),

    'checkpoints:inspect': async ({ runId, seq }) => {
      const c = readCheckpointFile(checkpointFile(ctx, runId, seq));
      const { path: file, fileBytes, payloadBytes, header } = c;
      return inspectCheckpoint(c.data, { path: file, fileBytes, payloadBytes, header });
    },

    'checkpoints:diff': async ({ runId, a, b }) =>
      diffCheckpoints(
        readCheckpointFile(checkpointFile(ctx, runId, a)).data,
        readCheckpointFile(checkpointFile(ctx, runId, b)).data,
      ),

    'checkpoints:verify': async ({ runId, seq }) => verify(ctx, runId, seq),

    'checkpoints:delete': async ({ runId, seq }) => deleteCheckpoint(ctx, runId, seq),
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

function checkpointFile(ctx: BackendContext, runId: string, seq: number): string {
  const file = checkpointPath(ctx, runId, seq);
  if (file === null) throw new Error(`run ${runId} has no checkpoint ${seq}`);
  if (!fs.existsSync(file))
    throw new Error(`checkpoint ${seq} of run ${runId} is missing: ${file}`);
  return file;
}

/** Damage and newer formats are answers (ok: false), not errors: that is what verify is for. */
function verify(ctx: BackendContext, runId: string, seq: number): { ok: boolean; message: string } {
  const file = checkpointPath(ctx, runId, seq);
  if (file === null) throw new Error(`run ${runId} has no checkpoint ${seq}`);
  if (!fs.existsSync(file)) return { ok: false, message: `the file is missing: ${file}` };
  try {
    return { ok: true, message: verifiedText(file, verifyCheckpoint(ctx.db, file)) };
  } catch (err) {
    if (err instanceof CorruptCheckpointError || err instanceof UnsupportedCheckpointVersionError)
      return { ok: false, message: err.message };
    throw err;
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
  if (info.status === 'deleted')
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
