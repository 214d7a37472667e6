/**
 * `runs show RUN` (what the run was and its MT5-like report) and `runs trades RUN` (its closed
 * trades with lots, swap, MAE/MFE, and the orders the account refused). Both read the same DTOs
 * the app gets (toRunInfo, tradeResults), so the CLI and the app show the same figures; `--json`
 * prints those DTOs.
 */
import { parseArgs } from 'node:util';
import type { RunInfo, RunResults } from '../../../shared/dto.ts';
import { formatCount, formatLots, grouped } from '../../../shared/report-format.ts';
import { clusterRunInfo } from '../../services/api/cluster-run-rows.ts';
import { toRunInfo } from '../../services/api/dto-map.ts';
import { tradeResults } from '../../services/api/run-results.ts';
import { getRun } from '../../services/runs/run-store.ts';
import type { CliContext } from '../context.ts';
import { printRunReport } from '../run-report.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';

function oneRun(ctx: CliContext, command: string, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`runs ${command} needs exactly one RUN_ID`);
  const record = getRun(ctx.db, positionals[0]);
  if (!record) throw new UsageError(`no run '${positionals[0]}' (see: backtestr runs list)`);
  return { record, json: values.json };
}

const utc = (ms: number | null) =>
  ms === null ? 'start' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function runsShow(ctx: CliContext, args: string[]): number {
  const { record, json } = oneRun(ctx, 'show', args);
  const info = toRunInfo(record, clusterRunInfo(ctx.db, record.id));
  if (json) {
    ctx.out(JSON.stringify(info));
    return 0;
  }
  printHeader(ctx, info);
  printRunReport((line) => ctx.out(line), info);
  return 0;
}

function printHeader(ctx: CliContext, run: RunInfo): void {
  ctx.out(`run ${run.id}  ${run.status}`);
  const params = run.strategy
    ? Object.entries(run.strategy.params).map(([k, v]) => `${k}=${String(v)}`)
    : [];
  ctx.out(`  strategy    ${run.strategy ? `${run.strategy.name} ${params.join(' ')}` : 'none'}`);
  ctx.out(`  symbols     ${run.symbols.join(', ')}  (${run.timeframes.join(', ')})`);
  ctx.out(`  period      ${utc(run.from)} → ${run.to === null ? 'end' : utc(run.to)}`);
  ctx.out(`  ticks       ${formatCount(run.ticksDone)} of ${formatCount(run.ticksTotal)}`);
  const a = run.account;
  ctx.out(
    `  account     balance ${grouped(a.balance)}, commission ${grouped(a.commissionPerLot)} per lot, slippage ${a.slippage}`,
  );
  if (run.error) ctx.out(`  error       ${run.error}`);
}

export function runsTrades(ctx: CliContext, args: string[]): number {
  const { record, json } = oneRun(ctx, 'trades', args);
  const results = tradeResults(ctx.db, record);
  if (json) {
    ctx.out(JSON.stringify({ trades: results.trades, rejections: results.rejections }));
    return 0;
  }
  const info = toRunInfo(record);
  printTrades(ctx, results, digitsOf(info));
  printRejections(ctx, results);
  return 0;
}

/** Price decimals per symbol from the specs the run used (5 for runs without them). */
function digitsOf(run: RunInfo): (symbol: string) => number {
  const digits = new Map(run.money?.specs.map((s) => [s.symbol, s.digits]) ?? []);
  return (symbol) => digits.get(symbol) ?? 5;
}

function printTrades(
  ctx: CliContext,
  r: Pick<RunResults, 'trades'>,
  digits: (s: string) => number,
): void {
  if (r.trades.length === 0) {
    ctx.out('no trades');
    return;
  }
  const header = ['#', 'symbol', 'side', 'lots', 'entry time', 'entry', 'exit time', 'exit'];
  header.push('reason', 'gross', 'commission', 'swap', 'net', 'MAE pips', 'MAE', 'MFE pips', 'MFE');
  const rows = r.trades.map((t) => [
    String(t.id),
    t.symbol,
    t.side,
    grouped(t.lots, 2),
    utc(t.entryTime),
    t.entryPrice.toFixed(digits(t.symbol)),
    utc(t.exitTime),
    t.exitPrice.toFixed(digits(t.symbol)),
    t.exitReason,
    grouped(t.grossPnl),
    grouped(t.commission),
    grouped(t.swap),
    grouped(t.netPnl),
    grouped(t.maePips, 1),
    grouped(t.maeMoney),
    grouped(t.mfePips, 1),
    grouped(t.mfeMoney),
  ]);
  ctx.out(formatTable(header, rows, [0, 3, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16]));
}

function printRejections(ctx: CliContext, r: Pick<RunResults, 'rejections'>): void {
  if (r.rejections.length === 0) return;
  ctx.out(`refused orders: ${r.rejections.length}`);
  const rows = r.rejections.map((x) => [
    utc(x.time),
    String(x.orderId),
    x.symbol,
    x.side,
    formatLots(x.lots),
    grouped(x.requiredMargin),
    grouped(x.freeMargin),
    x.reason,
  ]);
  const header = ['time', 'order', 'symbol', 'side', 'size', 'margin needed', 'free margin'];
  ctx.out(formatTable([...header, 'reason'], rows, [1, 4, 5, 6]));
}
