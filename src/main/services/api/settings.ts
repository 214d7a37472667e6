/**
 * `settings:*`: the data folder's settings the app's Settings panel shows and edits — the
 * checkpoint budget, stored where the CLI's `settings checkpoint-budget` reads it
 * (settings-store.ts), so both front ends always agree; and the cluster runs can be sent to,
 * with a test of the connection (cluster-connection.ts).
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
    'settings:cluster': async () => ctx.cluster.settings(),
    'settings:setCluster': (urls) => {
      // Runs following the old cluster keep their connection's jobs: refuse instead of cutting them.
      if (ctx.runs.clusterRuns() + ctx.sweeps.clusterSweeps() > 0)
        throw new Error('runs or sweeps are following the cluster: pause them before changing it');
      return ctx.cluster.set(urls);
    },
    'settings:testCluster': (urls) => ctx.cluster.test(urls),
  };
}
