import { parseArgs } from 'node:util';
import { listSweeps, readSweep, resumeSweep } from '../../services/sweeps/sweep-service.ts';
import { checkpointPolicyOf } from '../checkpoint-options.ts';
import type { CliContext } from '../context.ts';
import { callbackTimeoutOf } from '../run-in-worker.ts';
import { printSweep, sweepJson } from '../sweep-output.ts';
import { runSweepFromCli } from '../sweep-session.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';
import { clusterTargetOf } from '../cluster-options.ts';
import { sweepWorkersOf, withSweepHandles } from '../sweep-cluster.ts';
import { SWEEP_SESSION_OPTIONS } from './sweep.ts';
import { sweepsExportCommand } from './sweeps-export.ts';

/** `backtestr sweeps list|show ID|resume ID|export ID`. */
export async function sweepsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return sweepsList(ctx, rest);
    case 'show':
      return sweepsShow(ctx, rest);
    case 'resume':
      return sweepsResume(ctx, rest);
    case 'export':
      return sweepsExportCommand(ctx, rest);
    default:
      throw new UsageError(
        sub
          ? `unknown command 'sweeps ${sub}'`
          : "'sweeps' needs a command: list, show, resume or export",
      );
  }
}

function oneId(what: string, positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(`sweeps ${what} needs exactly one SWEEP_ID`);
  return positionals[0]!;
}

function sweepsList(ctx: CliContext, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const sweeps = listSweeps(ctx.db);
  if (values.json) {
    ctx.out(JSON.stringify(sweeps));
    return 0;
  }
  if (sweeps.length === 0) {
    ctx.out(
      'no sweeps yet: try  backtestr sweep --strategy ma-cross --symbol EURUSD --param fast=5:20:5',
    );
    return 0;
  }
  const rows = sweeps.map((s) => [
    s.id,
    s.status,
    s.spec.base.strategy,
    s.spec.base.symbols.join(','),
    `${s.jobsDone}/${s.jobsTotal}`,
    String(s.jobsFailed),
    s.bestJob === null ? '-' : String(s.bestJob),
    new Date(s.createdAt).toISOString().slice(0, 19) + 'Z',
  ]);
  ctx.out(
    formatTable(
      ['sweep', 'status', 'strategy', 'symbols', 'done', 'failed', 'best', 'created'],
      rows,
      [4, 5, 6],
    ),
  );
  return 0;
}

function sweepsShow(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const id = oneId('show', positionals);
  const detail = readSweep(ctx.db, id);
  if (!detail) throw new UsageError(`no sweep '${id}' (backtestr sweeps list shows them)`);
  if (values.json) ctx.out(sweepJson(detail));
  else printSweep(ctx, detail);
  return 0;
}

async function sweepsResume(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: SWEEP_SESSION_OPTIONS,
  });
  const id = oneId('resume', positionals);
  // Only the cluster's own options: a sweep's --from is its start date.
  const cluster = clusterTargetOf({ cluster: values.cluster, store: values.store });
  const local = { callbackTimeoutMs: callbackTimeoutOf(values) };
  const detail = await withSweepHandles(cluster, local, (runHandles) =>
    runSweepFromCli(
      ctx,
      (opts) => resumeSweep(ctx.db, ctx.dataDir, id, opts),
      {
        workers: sweepWorkersOf(values, cluster !== null),
        checkpoints: checkpointPolicyOf(values),
        ...local,
        runHandles,
      },
      'resumed',
    ),
  );
  if (values.json) ctx.out(sweepJson(detail));
  else printSweep(ctx, detail);
  return 0;
}
