import type { MirrorStats } from '../services/cluster/mirror/checkpoint-mirror.ts';
import { listCheckpointRows } from '../services/checkpoints/checkpoint-store.ts';
import { toRunInfo } from '../services/api/dto-map.ts';
import type { RunSummary } from '../services/runs/run-service.ts';
import { getRun } from '../services/runs/run-store.ts';
import type { CliContext } from './context.ts';
import { printRunReport } from './run-report.ts';

/** The checkpoint `resume` will start from: the run's newest valid one, or null. */
export function resumePoint(ctx: CliContext, runId: string): { seq: number; ticks: number } | null {
  const valid = listCheckpointRows(ctx.db, runId).filter((r) => r.status === 'valid');
  if (valid.length === 0) return null;
  const newest = valid.reduce((a, b) => (b.seq > a.seq ? b : a));
  return { seq: newest.seq, ticks: newest.ticks };
}

/** `--json` output: a paused run also says which checkpoint resume will use (null: none). */
/** The --json summary; `mirror`: what --checkpoint-store uploaded (only with that option). */
export function summaryJson(ctx: CliContext, s: RunSummary, mirror?: MirrorStats | null): string {
  const extra = mirror ? { mirror } : {};
  if (s.status !== 'paused') return JSON.stringify({ ...s, ...extra });
  return JSON.stringify({ ...s, resumeFrom: resumePoint(ctx, s.runId), ...extra });
}

/**
 * A paused run, and where resume will pick it up. When the pause checkpoint failed (disk full,
 * read-only) or there was none (--no-checkpoints), "paused at N ticks" alone would promise work
 * that is not saved: say so, and name the checkpoint resume will use instead.
 */
function printPaused(ctx: CliContext, s: RunSummary): void {
  const from = resumePoint(ctx, s.runId);
  if (from !== null && from.ticks === s.ticks) {
    ctx.out(
      `run ${s.runId} paused at ${s.ticks} ticks; continue with: backtestr resume ${s.runId}`,
    );
    return;
  }
  const why = s.checkpoints
    ? `its pause checkpoint failed${s.checkpoints.lastError ? ` (${s.checkpoints.lastError})` : ''}`
    : 'checkpoints are off (--no-checkpoints), so nothing was saved';
  const where =
    from === null
      ? 'it has no valid checkpoint, so resume will redo it from its first tick'
      : `resume will continue from checkpoint ${from.seq} at ${from.ticks} ticks`;
  ctx.out(`run ${s.runId} stopped at ${s.ticks} ticks, but ${why}: ${where}`);
  ctx.out(`continue with: backtestr resume ${s.runId}`);
}

/** The human-readable end of `run` and `resume`. */
export function printRunSummary(ctx: CliContext, s: RunSummary): void {
  if (s.status === 'paused') {
    printPaused(ctx, s);
    printStoredReport(ctx, s);
    return;
  }
  ctx.out(`run ${s.runId} completed`);
  const bars = Object.entries(s.bars)
    .map(([tf, n]) => `${tf} ${n}`)
    .join(', ');
  ctx.out(
    `${s.ticks} ticks, ${s.seconds.toFixed(2)} s of computation (${Math.round(s.ticksPerSec)} ticks/s); bars: ${bars}`,
  );
  if (s.checkpoints) {
    const c = s.checkpoints;
    ctx.out(
      `checkpoints: ${c.written} written, ${c.skipped} skipped, ${c.failed} failed${c.lastError ? ` (last error: ${c.lastError})` : ''}`,
    );
  }
  printStoredReport(ctx, s);
}

/**
 * The report as `runs show` prints it, from the stored run (its statistics, monthly returns,
 * warnings and money settings are what the run recorded). Without a stored run (a cluster run
 * adopted elsewhere) the summary's own statistics are listed.
 */
function printStoredReport(ctx: CliContext, s: RunSummary): void {
  const record = getRun(ctx.db, s.runId);
  if (record?.stats) {
    printRunReport((line) => ctx.out(line), toRunInfo(record));
    return;
  }
  if (!s.stats) return;
  const width = Math.max(...Object.keys(s.stats).map((k) => k.length));
  for (const [k, v] of Object.entries(s.stats)) {
    const text =
      typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
    ctx.out(`  ${k.padEnd(width)}  ${text.padStart(14)}`);
  }
}
