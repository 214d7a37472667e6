import { parseArgs } from 'node:util';
import { parseIndicatorList } from '../../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../../engine/mtf/bar.ts';
import { parseTimeframes } from '../../engine/mtf/timeframes.ts';
import { RunControl, runBacktest } from '../../services/runs/run-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { installRunSignals } from '../run-signals.ts';
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
      ...CHECKPOINT_OPTIONS,
    },
  });
  const optional = (name: string, v: string | undefined) =>
    v === undefined ? undefined : parseNumber(name, v);
  const bar = new ProgressBar(ctx.io.stderr, 'run');
  const control = new RunControl();
  const removeSignals = installRunSignals(ctx, control);
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
    {
      checkpoints: checkpointPolicyOf(values),
      control,
      onStart: (runId) => ctx.io.stderr.write(`run ${runId} started\n`),
      onProgress: (p) =>
        bar.update(p.ticksDone, p.ticksTotal, 'ticks', p.ticksDone === p.ticksTotal),
    },
  ).finally(removeSignals);
  bar.done();
  if (values.json) ctx.out(summaryJson(ctx, summary));
  else printRunSummary(ctx, summary);
  return 0;
}
