import { parseArgs } from 'node:util';
import { exportRun } from '../../services/runs/export-service.ts';
import { listRuns } from '../../services/runs/run-store.ts';
import type { CliContext } from '../context.ts';
import { required } from '../options.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';
import { runsBars } from './runs-bars.ts';
import { runsShow, runsTrades } from './runs-report.ts';

export function runsCommand(ctx: CliContext, args: string[]): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return runsList(ctx, rest);
    case 'export':
      return runsExport(ctx, rest);
    case 'show':
      return runsShow(ctx, rest);
    case 'trades':
      return runsTrades(ctx, rest);
    case 'bars':
      return runsBars(ctx, rest);
    default:
      throw new UsageError(
        sub
          ? `unknown command 'runs ${sub}'`
          : "'runs' needs a command: list, show, trades, bars or export",
      );
  }
}

function runsList(ctx: CliContext, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const runs = listRuns(ctx.db);
  if (values.json) {
    ctx.out(JSON.stringify(runs));
    return 0;
  }
  if (runs.length === 0) {
    ctx.out('no runs yet: try  backtestr run --symbol EURUSD');
    return 0;
  }
  const rows = runs.map((r) => [
    r.id,
    r.status,
    r.config.symbols.join(','),
    r.config.timeframes.join(','),
    String(r.ticksDone),
    r.ticksTotal > 0 ? `${((100 * r.ticksDone) / r.ticksTotal).toFixed(1)}%` : '-',
    new Date(r.createdAt).toISOString().slice(0, 19) + 'Z',
  ]);
  ctx.out(
    formatTable(
      ['run', 'status', 'symbols', 'timeframes', 'ticks', 'progress', 'created'],
      rows,
      [4, 5],
    ),
  );
  return 0;
}

function runsExport(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('runs export needs exactly one RUN_ID');
  const files = exportRun(ctx.db, positionals[0], required('out', values.out));
  ctx.out(`wrote ${files.length} files to ${values.out}`);
  return 0;
}
