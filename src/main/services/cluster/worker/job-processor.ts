/**
 * What a worker does with one job: read its manifest (untrusted: bounded and validated), set up
 * the workspace, fetch the newest valid checkpoint any earlier attempt left in the store, run the
 * attempt, and upload its result under this attempt's key. The job's return value names that key;
 * BullMQ accepts it only from the attempt that still holds the job's lock, so a zombie's result,
 * though uploaded under its own key, is never the job's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import type { ClusterJobOutcome, ResumedFrom } from '../cluster-job.ts';
import { MAX_MANIFEST_BYTES, parseManifest, type ClusterManifest } from '../data/job-manifest.ts';
import { resetWorkspaceRun, type Workspace } from '../data/workspace.ts';
import { packResult } from '../result/run-result.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { fetchNewestCheckpoint } from '../store/remote-checkpoints.ts';
import { storeKeys } from '../store/store-keys.ts';
import { parseJobData } from './job-data.ts';
import { runAttempt, type AttemptControl } from './run-attempt.ts';
import { withStoreRetry } from './store-retry.ts';

/** A job this process is working on, as the worker's lock and shutdown handling see it. */
export interface ActiveJob {
  attempt: string;
  control: AttemptControl | null;
  /** Set when BullMQ reported the job's lock lost: the attempt must end without a result. */
  lost: boolean;
}

export interface JobContext {
  store: ObjectStore;
  workDir: string;
  log: (line: string) => void;
  /** openWorkspace, one at a time (two jobs on the same data must not both write it). */
  workspace: (m: ClusterManifest) => Promise<Workspace>;
  attemptFor: (job: Job) => string;
  active: Map<string, ActiveJob>;
  closing: () => boolean;
}

export const WORKER_NAME = `${os.hostname()}:${process.pid}`;

async function readManifest(store: ObjectStore, runId: string): Promise<ClusterManifest> {
  const key = storeKeys.job(store.url, runId);
  const bytes = await withStoreRetry(() => store.get(key, MAX_MANIFEST_BYTES));
  if (bytes === null) throw new UnrecoverableError(`the job's manifest ${key} does not exist`);
  let manifest: ClusterManifest;
  try {
    manifest = parseManifest(bytes, key);
  } catch (e) {
    // The same bytes fail the same way on every worker: no retry.
    throw new UnrecoverableError((e as Error).message);
  }
  if (manifest.runId !== runId)
    throw new UnrecoverableError(`${key} is the manifest of run ${manifest.runId}, not ${runId}`);
  return manifest;
}

export async function processJob(ctx: JobContext, job: Job, token: string | undefined) {
  const data = parseJobData(job.id, job.data, ctx.store.url);
  const runId = data.runId;
  const attempt = ctx.attemptFor(job);
  const entry: ActiveJob = { attempt, control: null, lost: false };
  ctx.active.set(runId, entry);
  const fetchDir = path.join(ctx.workDir, 'fetch', attempt);
  let db: Db | null = null;
  try {
    await loadHasher();
    const manifest = await readManifest(ctx.store, runId);
    const ws = await withStoreRetry(() => ctx.workspace(manifest));
    db = ws.db;
    const fetched = await withStoreRetry(() => fetchNewestCheckpoint(ctx.store, runId, fetchDir));
    const c = fetched.checkpoint;
    const resumedFrom: ResumedFrom | null = c && { attempt: c.attempt, seq: c.seq, ticks: c.ticks };
    resetWorkspaceRun(ws.db, ws.dataDir, runId);
    for (const q of fetched.quarantined)
      ctx.log(`job ${runId} attempt ${attempt}: quarantined ${q.key}: ${q.reason}`);
    ctx.log(
      c
        ? `job ${runId} attempt ${attempt} resumed from ${c.attempt}/ckpt seq ${c.seq} at tick ${c.ticks}`
        : `job ${runId} attempt ${attempt} started`,
    );
    const { end, mirror } = await runAttempt(
      {
        job,
        attempt,
        manifest,
        ws,
        store: ctx.store,
        from: c && { file: c.file, resumedFrom: resumedFrom! },
      },
      (control) => {
        entry.control = control;
        if (ctx.closing()) control.pause(); // shutdown began while the attempt was setting up
      },
    );
    if (entry.lost) throw new Error(`job ${runId} attempt ${attempt} lost its lock`);
    if (end.kind === 'paused') {
      // Shutting down: the pause checkpoint is in the store; hand the job back at once, without
      // spending one of its attempts (a stall would also return it, but only after the lock).
      ctx.log(`job ${runId} attempt ${attempt} paused: handed back to the queue`);
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
    const resultKey = storeKeys.result(ctx.store.url, runId, attempt);
    const barsClosed = end.kind === 'completed' ? end.barsClosed : undefined;
    const result = packResult(ws.db, runId, { barsClosed });
    await withStoreRetry(() => ctx.store.put(resultKey, result));
    resetWorkspaceRun(ws.db, ws.dataDir, runId); // the result holds it all now
    ctx.log(
      `job ${runId} attempt ${attempt} ${end.kind === 'failed' ? `failed: ${end.error}` : 'completed'}` +
        ` (${mirror.uploaded} checkpoints mirrored, ${mirror.pending} pending)`,
    );
    const outcome: ClusterJobOutcome = {
      attempt,
      worker: WORKER_NAME,
      resultKey,
      resumedFrom,
      quarantined: fetched.quarantined.map((q) => q.key),
    };
    return outcome;
  } catch (err) {
    if (!(err instanceof DelayedError) && !entry.lost)
      ctx.log(`job ${runId} attempt ${attempt} failed: ${(err as Error).message}`);
    throw err;
  } finally {
    if (ctx.active.get(runId) === entry) ctx.active.delete(runId); // not a newer attempt's
    fs.rmSync(fetchDir, { recursive: true, force: true });
    db?.close();
  }
}
