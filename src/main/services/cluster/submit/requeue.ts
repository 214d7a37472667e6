/**
 * `resume RUN_ID --cluster …`: the submitter takes its run back (claim) and follows its job
 * again. The job may still be running, may have finished while nobody followed it, or may be
 * gone from Redis (removed, or Redis restarted): then it is queued again from the manifest still
 * in the store, and the worker that takes it resumes from the store's newest checkpoint.
 */
import { configHash } from '../../checkpoints/checkpoint-capture.ts';
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import { prepareRun } from '../../runs/run-request.ts';
import type { StartedRun } from '../../runs/isolation/run-host.ts';
import type { ResumeRequest } from '../../runs/resume-service.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import type { RunClaim } from '../../runs/run-fence.ts';
import { claimRun } from '../../runs/run-ownership.ts';
import { getRun } from '../../runs/run-store.ts';
import { getClusterRun } from '../cluster-runs.ts';
import { storeKeys } from '../store/store-keys.ts';
import type { ClusterClient } from './cluster-client.ts';
import { queueJob, shipRun, startedRunOf, type CreatedRun } from './submit-run.ts';

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
  return { run: startedRunOf(row.id, config), config, ticksTotal: row.ticksTotal, claim };
}

/**
 * Queues the run's job unless it is still known to Redis: a waiting, active or finished job is
 * followed as it is (its result may be waiting); one that failed for good is retried. A run whose
 * manifest never reached the store (the submitter died while shipping) is shipped again first.
 */
export async function queueOrKeep(
  db: Db,
  dataDir: string,
  client: ClusterClient,
  run: { runId: string; config: RunConfig; ticksTotal: number },
  opts: { checkpoints: CheckpointPolicy | null; sweepJob: boolean },
): Promise<void> {
  const job = await client.queue.getJob(run.runId);
  if (job) {
    if ((await job.getState()) === 'failed') await job.retry('failed');
    return;
  }
  if (!(await client.store.exists(storeKeys.job(client.store.url, run.runId))))
    await shipRun(db, dataDir, client, await reprepare(db, dataDir, run), opts);
  await queueJob(db, client, run.runId);
}

/** The run's config prepared again here, refused if it no longer resolves to the same run. */
async function reprepare(
  db: Db,
  dataDir: string,
  run: { runId: string; config: RunConfig; ticksTotal: number },
): Promise<CreatedRun> {
  await loadHasher();
  const c = run.config;
  const prepared = await prepareRun(db, dataDir, {
    symbols: c.symbols,
    from: c.from,
    to: c.to,
    timeframes: c.timeframes,
    indicators: c.indicators,
    price: c.price,
    historySize: c.historySize,
    strategy: c.strategy?.name ?? null,
    ...(c.strategy && { params: c.strategy.params }),
    account: c.account,
    recordedMoney: c.money ?? null,
    ...(c.record && { record: c.record }),
    runId: run.runId,
  });
  if (configHash(prepared.config) !== configHash(c))
    throw new Error(
      `run ${run.runId} cannot be shipped again: its strategy or settings no longer resolve to the config it was created with`,
    );
  return { run: startedRunOf(run.runId, c), prepared, ticksTotal: run.ticksTotal };
}
