/**
 * `backtestr worker --redis URL --store s3://… [--concurrency N] [--work-dir DIR]
 * [--lock-ms N --stall-ms N]`: serves the cluster's run queue until SIGINT/SIGTERM, then pauses
 * its running jobs (their pause checkpoints go to the store) and hands them back to the queue.
 * Credentials come only from the URL or REDIS_PASSWORD and the AWS chain; only redacted URLs are
 * printed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseRedisUrl } from '../../services/cluster/redis-url.ts';
import { parseStoreUrl } from '../../services/cluster/store/store-url.ts';
import { startClusterWorker } from '../../services/cluster/worker/cluster-worker.ts';
import type { CliContext } from '../context.ts';
import { parseInteger, required } from '../options.ts';

/** BullMQ timings: flags first, then the environment (tests), else the worker's defaults. */
function msOption(flag: string | undefined, env: string | undefined, name: string) {
  const v = flag ?? env;
  return v === undefined ? undefined : parseInteger(name, v, 100);
}

export async function workerCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      redis: { type: 'string' },
      store: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      'work-dir': { type: 'string' },
      'lock-ms': { type: 'string' },
      'stall-ms': { type: 'string' },
    },
  });
  const redis = parseRedisUrl(required('redis', values.redis));
  const store = parseStoreUrl(required('store', values.store));
  const handle = await startClusterWorker({
    redis,
    store,
    concurrency: parseInteger('concurrency', values.concurrency ?? '1', 1, 64),
    workDir: path.resolve(values['work-dir'] ?? path.join(ctx.dataDir, 'cluster-worker')),
    lockMs: msOption(values['lock-ms'], process.env.BACKTESTR_CLUSTER_LOCK_MS, 'lock-ms'),
    stalledIntervalMs: msOption(
      values['stall-ms'],
      process.env.BACKTESTR_CLUSTER_STALL_MS,
      'stall-ms',
    ),
    log: (line) => ctx.err(line),
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => () => {
      ctx.err(`${signal}: pausing running jobs and handing them back to the queue…`);
      resolve();
    };
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
  });
  await handle.close();
  ctx.err('worker stopped');
  return 0;
}
