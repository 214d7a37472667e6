import { parseArgs } from 'node:util';
import { parseIndicatorList } from '../../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../../engine/mtf/bar.ts';
import { parseTimeframes } from '../../engine/mtf/timeframes.ts';
import { runBacktest, type RunSummary } from '../../services/runs/run-service.ts';
import type { CliContext } from '../context.ts';
import { oneOf, parseInteger, parseNumber, parseUtcTime, required, splitList } from '../options.ts';
import { ProgressBar } from '../progress.ts';

export async function runCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      symbol: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      timeframes: { type: 'string' },
      indicators: { type: 'string', default: '' },
      price: { type: 'string', default: 'bid' },
      history: { type: 'string', default: '1000' },
      strategy: { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      balance: { type: 'string' },
      'lot-size': { type: 'string' },
      commission: { type: 'string' },
      slippage: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const optional = (name: string, v: string | undefined) =>
    v === undefined ? undefined : parseNumber(name, v);
  const bar = new ProgressBar(ctx.io.stderr, 'run');
  const summary = await runBacktest(
    ctx.db,
    ctx.dataDir,
    {
      symbols: splitList(required('symbol', values.symbol)),
      from: values.from === undefined ? null : parseUtcTime('from', values.from),
      to: values.to === undefined ? null : parseUtcTime('to', values.to),
      timeframes: values.timeframes === undefined ? undefined : parseTimeframes(values.timeframes),
      indicators: parseIndicatorList(values.indicators),
      price: oneOf('price', values.price, PRICE_SOURCES),
      historySize: parseInteger('history', values.history, 1),
      strategy: values.strategy ?? null,
      paramArgs: values.param,
      account: {
        balance: optional('balance', values.balance),
        lotSize: optional('lot-size', values['lot-size']),
        commissionPerLot: optional('commission', values.commission),
        slippage: optional('slippage', values.slippage),
      },
    },
    (p) => bar.update(p.ticksDone, p.ticksTotal, 'ticks', p.ticksDone === p.ticksTotal),
  );
  bar.done();
  if (values.json) ctx.out(JSON.stringify(summary));
  else printSummary(ctx, summary);
  return 0;
}

function printSummary(ctx: CliContext, s: RunSummary): void {
  ctx.out(`run ${s.runId} completed`);
  const bars = Object.entries(s.bars)
    .map(([tf, n]) => `${tf} ${n}`)
    .join(', ');
  ctx.out(
    `${s.ticks} ticks in ${s.seconds.toFixed(2)} s (${Math.round(s.ticksPerSec)} ticks/s); bars: ${bars}`,
  );
  if (!s.stats) return;
  const width = Math.max(...Object.keys(s.stats).map((k) => k.length));
  for (const [k, v] of Object.entries(s.stats)) {
    const text =
      typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
    ctx.out(`  ${k.padEnd(width)}  ${text.padStart(14)}`);
  }
}
