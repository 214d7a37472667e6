/**
 * `runs bars RUN --symbol S --timeframe TF [--from T] [--to T] [--max N] [--anchor from|to]
 * [--indicator SPEC]… [--json]`: the candles and indicator values the app's price chart gets
 * (charts:bars, services/charts), so a chart can be checked from a shell. --json prints the
 * ChartData DTO; otherwise a table, prices with the symbol's decimals.
 */
import { parseArgs } from 'node:util';
import { chartBarsArgsSchema, MAX_CHART_BARS, type ChartData } from '../../../shared/charts.ts';
import { grouped } from '../../../shared/report-format.ts';
import { chartBars } from '../../services/charts/chart-service.ts';
import { RebuiltBarsCache } from '../../services/charts/rebuilt-bars.ts';
import { getRun } from '../../services/runs/run-store.ts';
import type { CliContext } from '../context.ts';
import { oneOf, parseInteger, parseUtcTime, required } from '../options.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';

export function runsBars(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      max: { type: 'string', default: '500' },
      anchor: { type: 'string', default: 'to' },
      indicator: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('runs bars needs exactly one RUN_ID');
  const run = getRun(ctx.db, positionals[0]);
  if (!run) throw new UsageError(`no run '${positionals[0]}' (see: backtestr runs list)`);
  const parsed = chartBarsArgsSchema.safeParse({
    runId: run.id,
    symbol: required('symbol', values.symbol),
    timeframe: required('timeframe', values.timeframe).toUpperCase(),
    from: values.from === undefined ? null : parseUtcTime('from', values.from),
    to: values.to === undefined ? null : parseUtcTime('to', values.to),
    maxBars: parseInteger('max', values.max, 1, MAX_CHART_BARS),
    anchor: oneOf('anchor', values.anchor, ['from', 'to'] as const),
    indicators: values.indicator,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  const data = chartBars(ctx.db, new RebuiltBarsCache(), run, parsed.data);
  if (values.json) ctx.out(JSON.stringify(data));
  else
    printBars(
      ctx,
      data,
      run.config.money?.specs[run.config.symbols.indexOf(data.symbol)]?.digits ?? 5,
    );
  return data.errors.length > 0 ? 1 : 0;
}

function printBars(ctx: CliContext, d: ChartData, digits: number): void {
  for (const e of d.errors) ctx.err(e);
  const columns = d.indicators.flatMap((i) => i.columns);
  const values = d.indicators.flatMap((i) => i.values);
  const rows = d.bars.map((b, i) => [
    new Date(b.time).toISOString().slice(0, 16).replace('T', ' '),
    ...[b.open, b.high, b.low, b.close].map((p) => p.toFixed(digits)),
    grouped(b.volume, 0),
    ...values.map((v) => (v[i] === null ? '' : grouped(v[i], digits))),
  ]);
  const header = ['time', 'open', 'high', 'low', 'close', 'volume', ...columns];
  ctx.out(`${d.symbol} ${d.timeframe} (${d.source} bars), ${d.bars.length} shown`);
  ctx.out(formatTable(header, rows, header.map((_, i) => i).slice(1)));
  const more = [d.moreBefore && 'earlier', d.moreAfter && 'later'].filter(Boolean);
  if (more.length) ctx.out(`more bars ${more.join(' and ')}: use --from / --to`);
}
