/**
 * `sweeps:*`: plan, start and resume sweeps in the background (ActiveSweeps), pause them, and
 * read, export or recover stored ones — all over the sweep service (services/sweeps). Job
 * checkpoints are on by default (SWEEP_JOB_POLICY: every minute of a job, not every 1 M ticks).
 */
import path from 'node:path';
import type { SweepDetail, SweepInfo } from '../../../shared/sweeps.ts';
import { writeSweepExport } from '../sweeps/sweep-export.ts';
import {
  listSweeps,
  planSweep,
  readSweep,
  SWEEP_JOB_POLICY,
  SweepInputError,
} from '../sweeps/sweep-service.ts';
import { sweepRow } from '../sweeps/sweep-store.ts';
import { WalkForwardError } from '../sweeps/walk-forward.ts';
import { sweepClusterOf } from './cluster-run-rows.ts';
import type { BackendContext } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function sweepsHandlers(ctx: BackendContext): DomainHandlers<'sweeps'> {
  const { db, dataDir, sweeps } = ctx;
  return {
    /** The form asks as it is edited: a spec that cannot run is an answer, not a failure. */
    'sweeps:plan': async ({ spec }) => {
      try {
        const plan = await planSweep(db, dataDir, spec);
        return { jobs: plan.jobs, windows: plan.windows, error: null };
      } catch (err) {
        if (err instanceof SweepInputError || err instanceof WalkForwardError)
          return { jobs: 0, windows: 0, error: err.message };
        throw err;
      }
    },

    /** Resolves once the sweep exists; bad input (before that) rejects this call. */
    'sweeps:start': async ({ spec, workers, checkpoints, cluster }) => {
      const sweepId = await sweeps.launch(
        { kind: 'start', spec },
        {
          workers,
          checkpoints: checkpoints === undefined ? { ...SWEEP_JOB_POLICY } : checkpoints,
          cluster: cluster ? await ctx.cluster.client() : undefined,
        },
      );
      return { sweepId };
    },

    /** Oldest first; a sweep whose process died reads interrupted. */
    'sweeps:list': async () => listSweeps(db),

    'sweeps:get': async ({ sweepId }) => requireSweep(ctx, sweepId),

    'sweeps:resume': async ({ sweepId, workers }) => {
      if (sweeps.has(sweepId)) throw new Error(`sweep ${sweepId} is running; nothing to resume`);
      const sweep = requireSweep(ctx, sweepId);
      // A sweep whose jobs went to the cluster goes on there: their checkpoints are in the store.
      const sent = sweepClusterOf(db, sweepId);
      if (sent) ctx.cluster.requireSame(`sweep ${sweepId}`, sent);
      // The service refuses a completed sweep, and one another live process runs.
      const resumed = await sweeps.launch(
        { kind: 'resume', sweepId, symbols: sweep.spec.base.symbols },
        // The jobs still to run get the checkpoint policy the sweep was started with.
        {
          workers,
          checkpoints: sweepRow(db, sweepId)?.checkpoints ?? null,
          cluster: sent ? await ctx.cluster.client() : undefined,
        },
      );
      return { sweepId: resumed };
    },

    'sweeps:pause': ({ sweepId }) => sweeps.pause(sweepId),

    'sweeps:recoverable': async () => recoverableSweeps(ctx),

    'sweeps:export': async ({ sweepId }) => {
      const sweep = requireSweep(ctx, sweepId);
      if (sweeps.has(sweepId) || sweep.status === 'running')
        throw new Error(`sweep ${sweepId} is running; export it once it has ended`);
      const dir = path.join(dataDir, 'exports', `sweep-${sweepId}`);
      return { dir, files: writeSweepExport(db, sweep, dir) };
    },
  };
}

function requireSweep(ctx: BackendContext, sweepId: string): SweepDetail {
  const sweep = readSweep(ctx.db, sweepId);
  if (!sweep) throw new Error(`no sweep '${sweepId}'`);
  return sweep;
}

/** Interrupted and paused sweeps not running here, newest first: the relaunch prompt. */
function recoverableSweeps(ctx: BackendContext): SweepInfo[] {
  return listSweeps(ctx.db)
    .filter((s) => (s.status === 'interrupted' || s.status === 'paused') && !ctx.sweeps.has(s.id))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
