import { parseArgs } from 'node:util';
import type { RunSummary } from '../../services/runs/run-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { callbackTimeoutOf, runInWorker, RUN_HOST_OPTIONS } from '../run-in-worker.ts';
import { parseRecord, RUN_SETTINGS_OPTIONS, runSettingsOf } from '../run-settings.ts';
import type { CliContext } from '../context.ts';

export async function runCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...RUN_SETTINGS_OPTIONS,
      json: { type: 'boolean', default: false },
      ...CHECKPOINT_OPTIONS,
      ...RUN_HOST_OPTIONS,
    },
  });
  const request = {
    ...runSettingsOf(values),
    strategy: values.strategy ?? null,
    paramArgs: values.param,
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
