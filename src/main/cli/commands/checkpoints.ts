import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCheckpointFile } from '../../services/checkpoints/checkpoint-reader.ts';
import { checkpointsDir, listCheckpointRows } from '../../services/checkpoints/checkpoint-store.ts';
import { verifiedText, verifyCheckpoint } from '../../services/checkpoints/checkpoint-verify.ts';
import { CheckpointContentError } from '../../services/checkpoints/content/validate-checkpoint.ts';
import { exportSavepoint } from '../../services/checkpoints/savepoint.ts';
import {
  diffCheckpoints,
  formatDiffText,
  formatInspectText,
  inspectCheckpoint,
} from '../../services/checkpoints/report/index.ts';
import { databasePath } from '../../services/db/database.ts';
import { loadHasher } from '../../services/hash.ts';
import { getRun } from '../../services/runs/run-store.ts';
import { resolveCheckpointRef } from '../checkpoint-ref.ts';
import type { CliContext } from '../context.ts';
import { checkpointsGc } from './checkpoints-gc.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';

export async function checkpointsCommand(ctx: CliContext, args: string[]): Promise<number> {
  await loadHasher(); // checksums
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  switch (sub) {
    case 'gc':
      return checkpointsGc(ctx, positionals, { dryRun: values['dry-run'], json: values.json });
    case 'list':
      return list(ctx, positionals, values.json);
    case 'verify':
      return verify(ctx, positionals);
    case 'inspect':
      return inspect(ctx, positionals, values.json);
    case 'diff':
      return diff(ctx, positionals, values.json);
    case 'export':
      return exportCommand(ctx, positionals, values);
    default:
      throw new UsageError(
        sub
          ? `unknown command 'checkpoints ${sub}'`
          : "'checkpoints' needs a command: list, verify, inspect, diff, export or gc",
      );
  }
}

function list(ctx: CliContext, positionals: string[], json: boolean): number {
  if (positionals.length !== 1) throw new UsageError('checkpoints list needs exactly one RUN_ID');
  const runId = positionals[0];
  const run = getRun(ctx.db, runId);
  if (!run) throw new Error(`no run '${runId}' (backtestr runs list shows the runs)`);
  const dir = checkpointsDir(ctx.dataDir, runId);
  const rows = listCheckpointRows(ctx.db, runId).map((r) => ({
    ...r,
    // The file is the truth: a row whose file vanished says so.
    status: r.status === 'valid' && !fs.existsSync(path.join(dir, r.file)) ? 'missing' : r.status,
    progressPct: run.ticksTotal > 0 ? (100 * r.ticks) / run.ticksTotal : 0,
  }));
  if (json) {
    ctx.out(JSON.stringify(rows));
    return 0;
  }
  if (rows.length === 0) {
    ctx.out(`run ${runId} has no checkpoints`);
    return 0;
  }
  const iso = (t: number | null) =>
    t === null || !Number.isFinite(t) ? '-' : new Date(t).toISOString().slice(0, 19) + 'Z';
  const table = rows.map((r) => [
    String(r.seq),
    String(r.ticks),
    `${r.progressPct.toFixed(1)}%`,
    iso(r.simTime),
    iso(r.wallTime),
    r.trigger,
    String(r.bytes),
    r.status,
  ]);
  ctx.out(
    formatTable(
      ['seq', 'ticks', 'progress', 'simulated', 'written', 'trigger', 'bytes', 'status'],
      table,
      [0, 1, 2, 6],
    ),
  );
  return 0;
}

/** Exit 0 with one OK line, or exit 1 naming the file and listing every failed check. */
function verify(ctx: CliContext, positionals: string[]): number {
  const { file } = resolveCheckpointRef(ctx.dataDir, positionals);
  try {
    // Verifying a file must not create a data folder where there is none.
    const db = fs.existsSync(databasePath(ctx.dataDir)) ? ctx.db : null;
    ctx.out(verifiedText(file, verifyCheckpoint(db, file)));
    return 0;
  } catch (err) {
    if (!(err instanceof CheckpointContentError)) throw err; // bytes, version: the message says it
    const lines = [`${file}: FAILED, its content is not a state a run could reach:`];
    for (const p of err.problems) lines.push(`  ${p}`);
    ctx.io.stderr.write(lines.join('\n') + '\n');
    return 1;
  }
}

function inspect(ctx: CliContext, positionals: string[], json: boolean): number {
  const { file } = resolveCheckpointRef(ctx.dataDir, positionals);
  const c = readCheckpointFile(file);
  const report = inspectCheckpoint(c.data, {
    path: c.path,
    fileBytes: c.fileBytes,
    payloadBytes: c.payloadBytes,
    header: c.header,
  });
  ctx.out(json ? JSON.stringify(report) : formatInspectText(report));
  return 0;
}

function diff(ctx: CliContext, positionals: string[], json: boolean): number {
  let a: string;
  let b: string;
  if (positionals.length === 3 && /^\d+$/.test(positionals[1]) && /^\d+$/.test(positionals[2])) {
    a = resolveCheckpointRef(ctx.dataDir, [positionals[0], positionals[1]]).file;
    b = resolveCheckpointRef(ctx.dataDir, [positionals[0], positionals[2]]).file;
  } else {
    const first = resolveCheckpointRef(ctx.dataDir, positionals);
    a = first.file;
    b = resolveCheckpointRef(ctx.dataDir, positionals.slice(first.used)).file;
  }
  const report = diffCheckpoints(readCheckpointFile(a).data, readCheckpointFile(b).data);
  ctx.out(json ? JSON.stringify(report) : formatDiffText(report));
  return 0;
}

/** `checkpoints export RUN_ID [SEQ] --out FILE [--force] [--json]`: a self-contained savepoint. */
async function exportCommand(
  ctx: CliContext,
  positionals: string[],
  values: { out?: string; force: boolean; json: boolean },
): Promise<number> {
  const [runId, seq, ...extra] = positionals;
  if (runId === undefined || extra.length > 0 || (seq !== undefined && !/^\d+$/.test(seq)))
    throw new UsageError('checkpoints export needs RUN_ID [SEQ] --out FILE');
  if (!values.out) throw new UsageError('checkpoints export needs --out FILE');
  const summary = await exportSavepoint(ctx.db, ctx.dataDir, {
    runId,
    seq: seq === undefined ? undefined : Number(seq),
    out: values.out,
    force: values.force,
  });
  for (const s of summary.skipped) ctx.err(`passed over a damaged checkpoint: ${s}`);
  if (values.json) {
    ctx.out(JSON.stringify(summary));
    return 0;
  }
  const r = summary.rows;
  ctx.out(
    `savepoint of run ${summary.runId} at checkpoint ${summary.seq} (${summary.ticks} ticks): ` +
      `${summary.file}, ${summary.bytes} bytes, carrying ${r.trades} trades, ${r.equity} equity ` +
      `samples, ${r.rejections} refused orders and ${r.bars} bars. Resume it in any data folder holding the same ticks: ` +
      `backtestr resume --checkpoint ${summary.file}`,
  );
  return 0;
}
