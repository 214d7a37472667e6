/**
 * `backtestr checkpoints gc [--dry-run] [--json]`: one pass of the data folder's checkpoint budget
 * (enforce-budget.ts) — the same pass that runs after every checkpoint write — with what it
 * deleted, or with --dry-run what it would delete, and the usage against the budget.
 */
import type { BudgetReport } from '../../services/checkpoints/budget/enforce-budget.ts';
import { enforceCheckpointBudget } from '../../services/checkpoints/budget/enforce-budget.ts';
import type { CheckpointSpace } from '../../../shared/dto.ts';
import { formatSize } from '../../../shared/size-text.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage.ts';

export function checkpointsGc(
  ctx: CliContext,
  positionals: string[],
  opts: { dryRun: boolean; json: boolean },
): number {
  if (positionals.length > 0) throw new UsageError('checkpoints gc takes no arguments');
  const report = enforceCheckpointBudget(ctx.db, ctx.dataDir, { dryRun: opts.dryRun });
  ctx.out(opts.json ? JSON.stringify(report) : gcText(report));
  return 0;
}

/** The usage line both `checkpoints gc` and `settings checkpoint-budget` print. */
export function usageText(r: CheckpointSpace): string {
  const how =
    r.settingBytes === null
      ? 'automatic: min(2 GiB, 10 % of free space)'
      : `set; automatic would be ${formatSize(r.autoBytes)}`;
  return (
    `checkpoints use ${formatSize(r.usageBytes)} in ${r.files} files; ` +
    `budget ${formatSize(r.budgetBytes)} (${how}); free space ${formatSize(r.freeBytes)}`
  );
}

function gcText(r: BudgetReport): string {
  const lines = [usageText(r)];
  const verb = r.dryRun ? 'would delete' : 'deleted';
  if (r.deleted.length === 0) {
    lines.push(
      r.usageBytes <= r.budgetBytes ? 'within budget: nothing to delete' : `${verb} nothing`,
    );
  } else {
    const freed = r.deleted.reduce((s, f) => s + f.bytes, 0);
    lines.push(`${verb} ${r.deleted.length} files (${formatSize(freed)}):`);
    for (const f of r.deleted)
      lines.push(`  ${f.runId} seq ${f.seq}  ${formatSize(f.bytes)}  ${f.file}`);
  }
  if (r.afterBytes > r.budgetBytes) {
    lines.push(
      `still over budget: ${r.protectedFiles.length} checkpoints are the resume points of unfinished runs (discard or finish those runs to free them)`,
    );
  }
  if (r.dryRun) lines.push('dry run: nothing was deleted');
  return lines.join('\n');
}
