/**
 * Shared set-up of the cluster data tests: the local S3 server (its AWS_* variables put into this
 * process, where the SDK reads them), and a run of RUN_ARGS prepared in a generated data folder.
 */
import { afterAll, beforeAll } from 'vitest';
import { startS3, type LocalS3 } from '../../scripts/cluster/local-servers.ts';
import { S3ObjectStore } from '../../src/main/services/cluster/store/object-store.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { prepareRun, type PreparedRun } from '../../src/main/services/runs/run-request.ts';
import { countTicks } from '../../src/main/services/ticks/tick-store.ts';

export function useS3(): () => LocalS3 {
  let s3: LocalS3 | null = null;
  beforeAll(async () => {
    s3 = await startS3();
    Object.assign(process.env, s3.env);
    await loadHasher();
  });
  afterAll(async () => {
    await s3?.stop();
  });
  return () => s3!;
}

/** A store under a prefix of its own, so tests of one file do not see each other's objects. */
export function storeAt(s3: LocalS3, prefix: string): S3ObjectStore {
  return new S3ObjectStore({ bucket: s3.bucket, prefix });
}

/** RUN_ARGS as a request (the ma-cross strategy on EURUSD with commission). */
export const REQUEST = {
  symbols: ['EURUSD'],
  strategy: 'ma-cross',
  paramArgs: ['timeframe=M5', 'trendTimeframe=H1', 'trendPeriod=10', 'lots=0.5'],
  account: { commissionPerLot: 3.5 },
};

export async function prepared(
  dataDir: string,
  extra: Record<string, unknown> = {},
): Promise<{ db: Db; run: PreparedRun; ticksTotal: number }> {
  const db = openDatabase(dataDir);
  const run = await prepareRun(db, dataDir, { ...REQUEST, ...extra });
  const range = { from: run.config.from ?? undefined, to: run.config.to ?? undefined };
  const ticksTotal = run.symbols.reduce((n, s) => n + countTicks(db, s, range), 0);
  return { db, run, ticksTotal };
}
