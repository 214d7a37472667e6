/**
 * The submitting side of a cluster run, up to the job being in the queue: the run is created in
 * this data folder exactly as startRun creates a local one (same prepared config, same id rules,
 * same sweep link), claimed by this session, and its input — tick chunks, a user strategy's
 * source, the manifest — is put in the store before the job that points at it is queued.
 */
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import type { StartedRun } from '../../runs/isolation/run-host.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import { prepareRun, type PreparedRun, type RunRequest } from '../../runs/run-request.ts';
import { insertRun, newRunId } from '../../runs/run-store.ts';
import { countTicks } from '../../ticks/tick-store.ts';
import { recordClusterSubmit } from '../cluster-runs.ts';
import type { ClusterJobData } from '../cluster-job.ts';
import { buildManifest, encodeManifest } from '../data/job-manifest.ts';
import { shipTicks } from '../data/ship-ticks.ts';
import { storeKeys } from '../store/store-keys.ts';
import { formatStoreUrl } from '../store/store-url.ts';
import type { ClusterClient } from './cluster-client.ts';

/** Retries of a job whose attempt failed (a crash is a stall, counted apart; see the worker). */
export const JOB_ATTEMPTS = 3;
const DAY_S = 24 * 3600;

export interface CreatedRun {
  run: StartedRun;
  prepared: PreparedRun;
  ticksTotal: number;
}

/** What onStart reports of a run (RunHost's StartedRun), from its config. */
export function startedRunOf(runId: string, config: RunConfig): StartedRun {
  return {
    runId,
    strategy: config.strategy ? (config.strategy.file ?? config.strategy.name) : null,
    symbols: config.symbols,
    timeframes: config.timeframes,
  };
}

/** Creates the run here (status running) and returns what the caller needs to follow it. */
export async function createClusterRun(
  db: Db,
  dataDir: string,
  request: RunRequest,
): Promise<CreatedRun> {
  await loadHasher(); // the manifest carries the config's hash
  const prepared = await prepareRun(db, dataDir, request);
  const { config, symbols } = prepared;
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  const ticksTotal = symbols.reduce((n, s) => n + countTicks(db, s, range), 0);
  const runId = prepared.runId ?? newRunId();
  insertRun(db, config, ticksTotal, null, runId, prepared.sweepJob ?? null);
  return { run: startedRunOf(runId, config), prepared, ticksTotal };
}

/** Ships the run's input to the store and records where it went; then queueJob. */
export async function shipRun(
  db: Db,
  dataDir: string,
  client: ClusterClient,
  created: CreatedRun,
  opts: { checkpoints: CheckpointPolicy | null; sweepJob: boolean },
): Promise<void> {
  const { run, prepared, ticksTotal } = created;
  const manifest = buildManifest(db, dataDir, prepared, run.runId, {
    checkpoints: opts.checkpoints,
    sweepJob: opts.sweepJob,
    ticksTotal,
  });
  await shipTicks(db, client.store, manifest, { known: client.knownChunks });
  // The manifest last: a job whose manifest exists finds every chunk it names.
  await client.store.put(storeKeys.job(client.store.url, run.runId), encodeManifest(manifest));
}

/**
 * Queues the run's job (job id = run id: BullMQ ignores an add whose id exists, so submitting
 * or resuming twice never runs it twice) and records where it was sent.
 */
export async function queueJob(db: Db, client: ClusterClient, runId: string): Promise<void> {
  const data: ClusterJobData = { v: 1, runId, store: formatStoreUrl(client.store.url) };
  recordClusterSubmit(db, runId, client.target.redis.redacted, data.store);
  await client.queue.add('run', data, {
    jobId: runId,
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 2000 },
    // Kept long enough for a submitter that was away (Ctrl-C, a crash) to pick its result up.
    // Bounded by count too: at 2.6 KB a job (docs/scaling.md) a week of a busy cluster would
    // fill Redis; a job removed before its submitter came back is queued again by resume and
    // resumes from the store's newest checkpoint.
    removeOnComplete: { age: 7 * DAY_S, count: 100_000 },
    removeOnFail: { age: 30 * DAY_S, count: 100_000 },
  });
}
