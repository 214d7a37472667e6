import { parseArgs } from 'node:util';
import { parseIndicatorList } from '../../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../../engine/mtf/bar.ts';
import { parseTimeframes } from '../../engine/mtf/timeframes.ts';
import { executeRun } from '../../services/runs/run-service.ts';
import type { CliContext } from '../context.ts';
import { oneOf, parseInteger, parseUtcTime, required, splitList } from '../options.ts';
import { ProgressBar } from '../progress.ts';

export function runCommand(ctx: CliContext, args: string[]): number {
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
      json: { type: 'boolean', default: false },
    },
  });
  const bar = new ProgressBar(ctx.io.stderr, 'run');
  const summary = executeRun(
    ctx.db,
    {
      symbols: splitList(required('symbol', values.symbol)),
      from: values.from === undefined ? null : parseUtcTime('from', values.from),
      to: values.to === undefined ? null : parseUtcTime('to', values.to),
      timeframes: values.timeframes === undefined ? undefined : parseTimeframes(values.timeframes),
      indicators: parseIndicatorList(values.indicators),
      price: oneOf('price', values.price, PRICE_SOURCES),
      historySize: parseInteger('history', values.history, 1),
    },
    (p) => {
      if (p.ticksDone === p.ticksTotal) bar.update(p.ticksDone, p.ticksTotal, 'ticks', true);
      else bar.update(p.ticksDone, p.ticksTotal, 'ticks');
    },
  );
  bar.done();
  if (values.json) {
    ctx.out(JSON.stringify(summary));
  } else {
    ctx.out(`run ${summary.runId} completed`);
    const bars = Object.entries(summary.bars)
      .map(([tf, n]) => `${tf} ${n}`)
      .join(', ');
    ctx.out(
      `${summary.ticks} ticks in ${summary.seconds.toFixed(2)} s (${Math.round(summary.ticksPerSec)} ticks/s); bars: ${bars}`,
    );
  }
  return 0;
}
