import type { RunSummary } from '../services/runs/run-service.ts';
import type { CliContext } from './context.ts';

/** The human-readable end of `run` and `resume`. */
export function printRunSummary(ctx: CliContext, s: RunSummary): void {
  if (s.status === 'paused') {
    ctx.out(
      `run ${s.runId} paused at ${s.ticks} ticks; continue with: backtestr resume ${s.runId}`,
    );
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
  if (!s.stats) return;
  const width = Math.max(...Object.keys(s.stats).map((k) => k.length));
  for (const [k, v] of Object.entries(s.stats)) {
    const text =
      typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
    ctx.out(`  ${k.padEnd(width)}  ${text.padStart(14)}`);
  }
}
