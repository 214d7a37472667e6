/**
 * The demo's table: for each sweep job, where the cluster ran it, read from BullMQ's own record
 * of the job (job id = run id): the completed job's return value (ClusterJobOutcome: the attempt
 * and worker that finished it, the store checkpoint it resumed from) and how many times a worker
 * started it (a stalled job taken over by another worker counts twice).
 */
import { Queue } from 'bullmq';
import { z } from 'zod';
import { RUN_QUEUE } from '../../src/main/services/cluster/cluster-job.ts';
import { openRedis, type RedisTarget } from '../../src/main/services/cluster/redis-url.ts';

export interface DemoJob {
  index: number;
  params: Record<string, number | string | boolean>;
  runId: string | null;
  status: string;
  error?: string | null;
}

export interface DemoRow extends DemoJob {
  worker: string | null;
  attempt: string | null;
  attempts: number;
  resumedFrom: { attempt: string; seq: number; ticks: number } | null;
}

// Redis is outside this process: the outcome is checked before it is shown.
const outcomeSchema = z.object({
  attempt: z.string(),
  worker: z.string(),
  resumedFrom: z
    .object({ attempt: z.string(), seq: z.number().int(), ticks: z.number().int() })
    .nullable(),
});

export async function demoRows(redis: RedisTarget, jobs: DemoJob[]): Promise<DemoRow[]> {
  const connection = openRedis(redis);
  const queue = new Queue(RUN_QUEUE, { connection });
  try {
    const rows: DemoRow[] = [];
    for (const j of jobs) {
      const job = j.runId === null ? undefined : await queue.getJob(j.runId);
      const outcome = outcomeSchema.safeParse(job?.returnvalue);
      const o = outcome.success ? outcome.data : null;
      rows.push({
        ...j,
        worker: o?.worker ?? null,
        attempt: o?.attempt ?? null,
        attempts: job?.attemptsStarted ?? 0,
        resumedFrom: o?.resumedFrom ?? null,
      });
    }
    return rows;
  } finally {
    await queue.close();
    connection.disconnect(); // BullMQ leaves a client it was handed open
  }
}

export function resumedText(r: DemoRow): string {
  if (r.worker === null) return '-';
  const f = r.resumedFrom;
  return f ? `resumed from ${f.attempt} ckpt seq ${f.seq} at tick ${f.ticks}` : 'from tick 0';
}

/** `names` maps a worker's "host:pid"-like id to the demo's name for it (worker-a, worker-b). */
export function formatDemoTable(rows: DemoRow[], nameOf: (worker: string) => string): string {
  const head = ['job', 'params', 'status', 'finished by', 'attempts', 'resumed'];
  const body = rows.map((r) => [
    String(r.index),
    Object.entries(r.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    r.status,
    r.worker === null ? '-' : `${nameOf(r.worker)} (${r.attempt})`,
    String(r.attempts),
    resumedText(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
