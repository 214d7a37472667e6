/**
 * What `sweep`, `sweeps show` and `sweeps resume` print: a table of jobs by index (params,
 * status, trades, objective, net profit) and the best job, or with --json one object {sweepId,
 * status, objective, bestJob, jobs, windows, oosStats}.
 */
import type { SweepDetail, SweepJobInfo } from '../../shared/sweeps.ts';
import type { CliContext } from './context.ts';
import { formatTable } from './table.ts';

export function sweepJson(d: SweepDetail): string {
  return JSON.stringify({
    sweepId: d.id,
    status: d.status,
    objective: d.spec.objective,
    bestJob: d.bestJob,
    jobs: d.jobs.map((j) => ({
      index: j.index,
      phase: j.phase,
      window: j.window,
      runId: j.runId,
      params: j.params,
      status: j.status,
      stats: j.stats,
      objective: j.objective,
      error: j.error,
    })),
    windows: d.windows,
    oosStats: d.oosStats,
  });
}

const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(2);

function paramsText(j: SweepJobInfo): string {
  return Object.entries(j.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

export function printSweep(ctx: CliContext, d: SweepDetail): void {
  const wf = d.spec.walkForward !== null;
  const header = ['job', ...(wf ? ['window', 'phase'] : []), 'params', 'status', 'trades'];
  header.push(d.spec.objective, 'net profit');
  const rows = d.jobs.map((j) => [
    String(j.index),
    ...(wf ? [String(j.window), j.phase] : []),
    paramsText(j) || '-',
    j.status,
    num(j.stats?.trades),
    num(j.objective),
    num(j.stats?.netProfit),
  ]);
  const n = header.length;
  ctx.out(formatTable(header, rows, [0, n - 3, n - 2, n - 1]));
  for (const j of d.jobs.filter((x) => x.error !== null))
    ctx.out(`job ${j.index} failed: ${j.error}`);
  if (!wf) {
    const best = d.bestJob === null ? null : d.jobs[d.bestJob]!;
    ctx.out(
      best
        ? `best job ${best.index} (${d.spec.objective} ${num(best.objective)}): ${paramsText(best)}, run ${best.runId}`
        : `no job qualified as best (at least ${d.spec.minTrades} trades and a defined ${d.spec.objective})`,
    );
  } else {
    for (const w of d.windows)
      ctx.out(
        `window ${w.window}: best in-sample job ${w.bestJob ?? '-'}, out-of-sample job ${w.oosJob ?? '-'}`,
      );
  }
  ctx.out(
    `sweep ${d.id} ${d.status}: ${d.jobsDone} of ${d.jobsTotal} jobs done, ${d.jobsFailed} failed, ${d.seconds.toFixed(1)} s`,
  );
  if (d.status !== 'completed') ctx.out(`continue with: backtestr sweeps resume ${d.id}`);
}
