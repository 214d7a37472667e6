/**
 * `settings:*`: the data folder's settings the app's Settings panel shows and edits — today the
 * checkpoint budget, stored where the CLI's `settings checkpoint-budget` reads it
 * (settings-store.ts), so both front ends always agree.
 */
import { describeCheckpointSpace } from '../checkpoints/budget/enforce-budget.ts';
import { setSetting } from '../settings/settings-store.ts';
import type { BackendContext } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function settingsHandlers(ctx: BackendContext): DomainHandlers<'settings'> {
  return {
    'settings:checkpointSpace': async () => describeCheckpointSpace(ctx.db, ctx.dataDir),
    'settings:setCheckpointBudget': async ({ bytes }) => {
      setSetting(ctx.db, 'checkpointBudgetBytes', bytes);
      return describeCheckpointSpace(ctx.db, ctx.dataDir);
    },
  };
}
