/**
 * `backtestr settings checkpoint-budget [SIZE|auto] [--json]`: shows or sets the data folder's
 * checkpoint budget, the same setting the app's Settings panel edits (settings-store.ts).
 * SIZE is parsed strictly (size-text.ts); `auto` goes back to min(2 GiB, 10 % of free space).
 */
import { parseArgs } from 'node:util';
import { describeCheckpointSpace } from '../../services/checkpoints/budget/enforce-budget.ts';
import { parseSize, SizeSyntaxError } from '../../../shared/size-text.ts';
import { setSetting } from '../../services/settings/settings-store.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage.ts';
import { usageText } from './checkpoints-gc.ts';

export function settingsCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const [name, value, ...extra] = positionals;
  if (name !== 'checkpoint-budget') {
    throw new UsageError(
      name
        ? `unknown setting '${name}' (settings: checkpoint-budget)`
        : "'settings' needs a setting: checkpoint-budget",
    );
  }
  if (extra.length > 0) throw new UsageError('settings checkpoint-budget takes one SIZE or auto');
  if (value !== undefined) setSetting(ctx.db, 'checkpointBudgetBytes', budgetValue(value));
  const space = describeCheckpointSpace(ctx.db, ctx.dataDir);
  if (values.json) {
    ctx.out(JSON.stringify(space));
    return 0;
  }
  ctx.out(usageText(space));
  if (value !== undefined && space.usageBytes > space.budgetBytes) {
    ctx.out(
      "over budget: the next checkpoint written, or 'backtestr checkpoints gc', deletes the excess",
    );
  }
  return 0;
}

function budgetValue(text: string): number | null {
  if (text === 'auto') return null;
  try {
    return parseSize(text);
  } catch (e) {
    if (e instanceof SizeSyntaxError) throw new UsageError(`checkpoint-budget: ${e.message}`);
    throw e;
  }
}
