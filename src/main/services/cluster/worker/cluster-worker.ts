/**
 * `backtestr worker --redis URL --store s3://… [--concurrency N]`: pulls run jobs from the
 * queue and executes each as a normal run (RunHost, its own worker thread) in a workspace data
 * folder of this machine, fed with tick chunks from the store (cached here by hash), resuming
 * from the newest valid checkpoint any earlier attempt left in the store, mirroring its own
 * checkpoints there, and uploading its output for the submitter.
 *
 * FOUNDATION STUB — implemented by the cluster transport work (helper h3). Signatures are binding.
 */
import type { RedisTarget } from '../redis-url.ts';
import type { StoreUrl } from '../store/store-url.ts';

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

export async function startClusterWorker(
  _opts: ClusterWorkerOptions,
): Promise<ClusterWorkerHandle> {
  throw new Error('not implemented');
}
