/**
 * Follows one job until it completes, fails for good, or the follower stops. Events (QueueEvents)
 * make it prompt, but they are not the source of truth: an event published while nobody listened
 * (the submitter was starting, or away) is gone. So the job's state is read once right after
 * subscribing and again every few seconds, and every event only triggers such a read.
 */
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { ClusterJobOutcome, ClusterJobProgress } from '../cluster-job.ts';
import type { ClusterClient } from './cluster-client.ts';

export type FollowEnd =
  | { kind: 'completed'; outcome: ClusterJobOutcome }
  | { kind: 'failed'; reason: string }
  | { kind: 'stopped' };

const POLL_MS = 2000;

// Redis is outside input like any other: what a worker reported is validated before use.
const resumedFrom = z
  .object({ attempt: z.string().max(200), seq: z.number().int(), ticks: z.number().int() })
  .nullable();
const progressSchema = z.object({
  ticksDone: z.number(),
  ticksTotal: z.number(),
  seconds: z.number(),
  ticksPerSec: z.number(),
  simTime: z.number().nullable(),
  attempt: z.string().max(200),
  resumedFrom,
});
const outcomeSchema = z.object({
  attempt: z.string().max(200),
  worker: z.string().max(300),
  resultKey: z.string().max(1024),
  resumedFrom,
  quarantined: z.array(z.string().max(1024)).max(10_000),
});

export function parseProgress(data: unknown): ClusterJobProgress | null {
  const p = progressSchema.safeParse(data);
  return p.success ? p.data : null;
}

export function parseOutcome(runId: string, data: unknown): ClusterJobOutcome {
  const o = outcomeSchema.safeParse(data);
  if (!o.success)
    throw new Error(`job ${runId} completed with a malformed outcome: ${o.error.message}`);
  return o.data;
}

export interface FollowHooks {
  onProgress: (p: ClusterJobProgress) => void;
  /** Resolves when the follower should stop (pause, stop). */
  stopped: Promise<void>;
}

async function stateOf(client: ClusterClient, runId: string): Promise<FollowEnd | Job | null> {
  const job = await client.queue.getJob(runId);
  if (!job) return null;
  const state = await job.getState();
  if (state === 'completed')
    return { kind: 'completed', outcome: parseOutcome(runId, job.returnvalue) };
  if (state === 'failed') return { kind: 'failed', reason: job.failedReason || 'the job failed' };
  return job;
}

export async function followJob(
  client: ClusterClient,
  runId: string,
  hooks: FollowHooks,
): Promise<FollowEnd> {
  let stopped = false;
  let wake: () => void = () => {};
  void hooks.stopped.then(() => {
    stopped = true;
    wake();
  });
  const onEvent = ({ jobId }: { jobId: string }) => jobId === runId && wake();
  const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
    if (jobId !== runId) return;
    const p = parseProgress(data);
    if (p) hooks.onProgress(p);
  };
  client.events.on('completed', onEvent);
  client.events.on('failed', onEvent);
  client.events.on('progress', onProgress);
  try {
    while (!stopped) {
      const s = await stateOf(client, runId);
      if (s === null)
        throw new Error(
          `job ${runId} is no longer in the queue (removed, or Redis lost it); resume the run to queue it again`,
        );
      if ('kind' in s) return s;
      const p = parseProgress(s.progress);
      if (p) hooks.onProgress(p);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return { kind: 'stopped' };
  } finally {
    client.events.off('completed', onEvent);
    client.events.off('failed', onEvent);
    client.events.off('progress', onProgress);
  }
}
