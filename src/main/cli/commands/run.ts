import { parseArgs } from 'node:util';
import { parseIndicatorList } from '../../engine/indicators/index.ts';
import { PRICE_SOURCES } from '../../engine/mtf/bar.ts';
import { parseTimeframes } from '../../engine/mtf/timeframes.ts';
import { RECORD_KINDS, type RecordKind } from '../../services/runs/run-config.ts';
import type { RunSummary } from '../../services/runs/run-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { callbackTimeoutOf, runInWorker, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage.ts';
import { oneOf, parseInteger, parseNumber, parseUtcTime, required, splitList } from '../options.ts';

/** `--record bars,trades,equity`: any non-empty subset; anything else is a usage error. */
function parseRecord(value: string): RecordKind[] {
  const kinds = splitList(value);
  if (kinds.length === 0)
    throw new UsageError(`--record needs at least one of ${RECORD_KINDS.join(', ')}`);
  return kinds.map((k) => oneOf('record', k, RECORD_KINDS));
}

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
      record: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...CHECKPOINT_OPTIONS,
      ...RUN_HOST_OPTIONS,
    },
  });
  const optional = (name: string, v: string | undefined) =>
    v === undefined ? undefined : parseNumber(name, v);
  const request = {
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
    record: values.record === undefined ? undefined : parseRecord(values.record),
  };
  const summary = await runInWorker<RunSummary>(
    ctx,
    { kind: 'start', request },
    { checkpoints: checkpointPolicyOf(values), callbackTimeoutMs: callbackTimeoutOf(values) },
  );
  if (values.json) ctx.out(summaryJson(ctx, summary));
  else printRunSummary(ctx, summary);
  return 0;
}
