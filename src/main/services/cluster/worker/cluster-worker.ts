/**
 * `backtestr worker --redis URL --store s3://… [--concurrency N]`: pulls run jobs from the
 * queue and executes each as a normal run (RunHost, its own worker thread) in a workspace data
 * folder of this machine, fed with tick chunks from the store (cached here by hash), resuming
 * from the newest valid checkpoint any earlier attempt left in the store, mirroring its own
 * checkpoints there, and uploading its output for the submitter.
 *
 * A crash (SIGKILL, power loss) is expected, not a poison job: the lock expires, another
 * worker's stall check hands the job on, and it resumes from the store. So maxStalledCount is
 * generous, while `attempts` (3, set by the submitter) counts only attempts that failed.
 */
import os from 'node:os';
import { Worker, type Job } from 'bullmq';
import { RUN_QUEUE, type ClusterJobData, type ClusterJobOutcome } from '../cluster-job.ts';
import type { ClusterManifest } from '../data/job-manifest.ts';
import { openWorkspace, type Workspace } from '../data/workspace.ts';
import { pingRedis } from '../submit/cluster-client.ts';
import { openRedis, type RedisTarget } from '../redis-url.ts';
import { S3ObjectStore } from '../store/object-store.ts';
import { attemptId } from '../store/store-keys.ts';
import { formatStoreUrl, type StoreUrl } from '../store/store-url.ts';
import { processJob, type ActiveJob } from './job-processor.ts';
import { lockWorkDir } from './work-dir-lock.ts';

export interface ClusterWorkerOptions {
  redis: RedisTarget;
  store: StoreUrl;
  /** Jobs at once (each a RunHost thread); default 1. */
  concurrency: number;
  /** Where workspaces and the chunk cache live (the data folder's cluster-worker/ by default). */
  workDir: string;
  /** BullMQ lock duration / stall check, ms (tests make them short). */
  lockMs?: number;
  stalledIntervalMs?: number;
  log: (line: string) => void;
}

export interface ClusterWorkerHandle {
  /** Stops taking jobs, pauses running ones with a checkpoint (mirrored), then closes. */
  close(): Promise<void>;
}

const DEFAULT_LOCK_MS = 30_000;
const DEFAULT_STALL_MS = 30_000;
const MAX_STALLED = 5;

export async function startClusterWorker(opts: ClusterWorkerOptions): Promise<ClusterWorkerHandle> {
  await pingRedis(opts.redis);
  const unlock = lockWorkDir(opts.workDir);
  const store = new S3ObjectStore(opts.store);
  const active = new Map<string, ActiveJob>();
  const used = new Set<string>();
  let closing = false;
  // One workspace set-up at a time: two jobs on the same data must not both write its folder.
  let wsChain: Promise<unknown> = Promise.resolve();
  const workspace = (m: ClusterManifest): Promise<Workspace> => {
    const next = wsChain.then(() => openWorkspace(opts.workDir, store, m));
    wsChain = next.catch(() => {});
    return next;
  };
  // n = the job's attempt number, made unique in this process should it take the same job again.
  const attemptFor = (job: Job): string => {
    let n = job.attemptsStarted;
    while (used.has(`${job.id}/${n}`)) n += 1000;
    used.add(`${job.id}/${n}`);
    return attemptId(os.hostname(), process.pid, n);
  };
  const connection = openRedis(opts.redis);
  const ctx = {
    store,
    workDir: opts.workDir,
    log: opts.log,
    workspace,
    attemptFor,
    active,
    closing: () => closing,
  };
  const worker = new Worker<ClusterJobData, ClusterJobOutcome>(
    RUN_QUEUE,
    (job, token) => processJob(ctx, job, token),
    {
      connection,
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs ?? DEFAULT_LOCK_MS,
      stalledInterval: opts.stalledIntervalMs ?? DEFAULT_STALL_MS,
      maxStalledCount: MAX_STALLED,
    },
  );
  const lost = (jobId: string) => {
    const a = active.get(jobId);
    if (!a || a.lost) return;
    a.lost = true;
    opts.log(
      `job ${jobId} attempt ${a.attempt} lost its lock: another worker owns it now; dropped`,
    );
    a.control?.stop(`job ${jobId}: this worker lost its lock`);
  };
  worker.on('lockRenewalFailed', (ids) => ids.forEach(lost));
  worker.on('error', (err) => {
    if (/could not renew lock/.test(err.message)) return; // told by lockRenewalFailed above
    // BullMQ refusing a result or a retry because the lock is gone: the job is another attempt's.
    const m = /Missing lock for job (\S+?)\.?(?:\s|$)/.exec(err.message);
    if (m)
      opts.log(
        `job ${m[1]}: lost its lock, so BullMQ refused this worker's update (${err.message})`,
      );
    else opts.log(`worker: ${err.message}`);
  });
  worker.on('failed', (job, err) => {
    if (job && err.name !== 'DelayedError' && job.attemptsMade >= (job.opts.attempts ?? 1))
      opts.log(`job ${job.id} failed for good: ${err.message}`);
  });
  await worker.waitUntilReady();
  opts.log(
    `worker ${os.hostname()}:${process.pid} serving ${formatStoreUrl(opts.store)} from ${opts.redis.redacted} (concurrency ${opts.concurrency})`,
  );
  return {
    close: async () => {
      if (closing) return;
      closing = true;
      const closed = worker.close(); // takes no new job; waits for the running ones
      for (const a of active.values()) a.control?.pause();
      await closed;
      connection.disconnect();
      store.close();
      unlock();
    },
  };
}
