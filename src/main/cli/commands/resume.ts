import { parseArgs } from 'node:util';
import { resumeRun } from '../../services/runs/resume-service.ts';
import { RunControl } from '../../services/runs/run-service.ts';
import { checkpointPolicyOf, CHECKPOINT_OPTIONS } from '../checkpoint-options.ts';
import type { CliContext } from '../context.ts';
import { ProgressBar } from '../progress.ts';
import { printRunSummary, summaryJson } from '../run-output.ts';
import { installRunSignals } from '../run-signals.ts';
import { UsageError } from '../usage.ts';

/** `backtestr resume RUN_ID [--checkpoint SEQ|PATH] [--force] [--json]` */
export async function resumeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      checkpoint: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...CHECKPOINT_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('resume needs exactly one RUN_ID');
  const which = values.checkpoint;
  const checkpoint = which === undefined ? undefined : /^\d+$/.test(which) ? Number(which) : which;
  const bar = new ProgressBar(ctx.io.stderr, 'resume');
  const control = new RunControl();
  const removeSignals = installRunSignals(ctx, control);
  const summary = await resumeRun(
    ctx.db,
    ctx.dataDir,
    { runId: positionals[0], checkpoint, force: values.force },
    {
      checkpoints: checkpointPolicyOf(values),
      control,
      onStart: (runId) => ctx.io.stderr.write(`run ${runId} resumed\n`),
      onProgress: (p) =>
        bar.update(p.ticksDone, p.ticksTotal, 'ticks', p.ticksDone === p.ticksTotal),
    },
  ).finally(removeSignals);
  bar.done();
  for (const q of summary.quarantined) ctx.err(`damaged checkpoint moved aside: ${q}`);
  if (values.json) {
    ctx.out(summaryJson(ctx, summary));
    return 0;
  }
  const from = summary.resumedFrom;
  ctx.out(`resumed from checkpoint ${from.seq} of run ${from.runId} at ${from.ticks} ticks`);
  if (summary.forkedFrom)
    ctx.out(`forked: new run ${summary.runId} (run ${summary.forkedFrom} is unchanged)`);
  printRunSummary(ctx, summary);
  return 0;
}
