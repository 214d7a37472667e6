/**
 * `resume RUN_ID --cluster …`: the submitter takes its run back (claim) and follows its job
 * again. The job may still be running, may have finished while nobody followed it, or may be
 * gone from Redis (removed, or Redis restarted): then it is queued again from the manifest still
 * in the store, and the worker that takes it resumes from the store's newest checkpoint.
 */
import type { Db } from '../../db/database.ts';
import type { StartedRun } from '../../runs/isolation/run-host.ts';
import type { ResumeRequest } from '../../runs/resume-service.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import type { RunClaim } from '../../runs/run-fence.ts';
import { claimRun } from '../../runs/run-ownership.ts';
import { getRun } from '../../runs/run-store.ts';
import { getClusterRun } from '../cluster-runs.ts';
import { storeKeys } from '../store/store-keys.ts';
import type { ClusterClient } from './cluster-client.ts';
import { queueJob } from './submit-run.ts';

export async function claimForResume(
  db: Db,
  client: ClusterClient,
  req: ResumeRequest,
): Promise<{ run: StartedRun; config: RunConfig; ticksTotal: number; claim: RunClaim }> {
  if (req.checkpoint !== undefined)
    throw new Error('resume --cluster takes no --checkpoint: the workers resume from the store');
  const row = getRun(db, req.runId);
  if (!row) throw new Error(`no run '${req.runId}' in this data folder`);
  if (!getClusterRun(db, req.runId))
    throw new Error(`run ${req.runId} was not sent to a cluster; resume it without --cluster`);
  if (row.status === 'completed' || row.status === 'failed')
    throw new Error(`run ${req.runId} is ${row.status} already; there is nothing to resume`);
  const claim = claimRun(db, req.runId);
  const { config } = row;
  const run: StartedRun = {
    runId: row.id,
    strategy: config.strategy ? (config.strategy.file ?? config.strategy.name) : null,
    symbols: config.symbols,
    timeframes: config.timeframes,
  };
  return { run, config, ticksTotal: row.ticksTotal, claim };
}

/**
 * Queues the run's job unless it is still known to Redis: a waiting, active or finished job is
 * followed as it is (its result may be waiting); one that failed for good is retried.
 */
export async function queueOrKeep(db: Db, client: ClusterClient, runId: string): Promise<void> {
  const job = await client.queue.getJob(runId);
  if (job) {
    if ((await job.getState()) === 'failed') await job.retry('failed');
    return;
  }
  const manifest = storeKeys.job(client.store.url, runId);
  if (!(await client.store.exists(manifest)))
    throw new Error(`the run's manifest ${manifest} is not in the store; run it again`);
  await queueJob(db, client, runId);
}
