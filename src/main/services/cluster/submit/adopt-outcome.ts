/**
 * The end of a cluster run on the submitting side: the completed job names its result object;
 * it is downloaded (bounded), checked, and written into this data folder's run, fenced by this
 * session's claim. Only the key the *completed* job names is read: a zombie attempt's result,
 * under its own attempt key, is never looked at.
 */
import type { Db } from '../../db/database.ts';
import { loadHasher } from '../../hash.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import { recordedKinds } from '../../runs/run-config.ts';
import type { RunClaim } from '../../runs/run-fence.ts';
import type { RunSummary } from '../../runs/run-service.ts';
import { getRun } from '../../runs/run-store.ts';
import type { ClusterJobOutcome } from '../cluster-job.ts';
import { recordClusterDone } from '../cluster-runs.ts';
import { adoptResult, MAX_RESULT_BYTES, readResult } from '../result/run-result.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import type { ClusterRunInfo } from './cluster-run-host.ts';

/** The store may be briefly away: a few tries with backoff before the run fails. */
async function download(store: ObjectStore, key: string): Promise<Uint8Array> {
  let lastError: unknown = null;
  for (let i = 0; i < 5; i++) {
    try {
      const bytes = await store.get(key, MAX_RESULT_BYTES);
      if (bytes === null) throw new Error(`the result object ${key} does not exist`);
      return bytes;
    } catch (e) {
      lastError = e;
      if ((e as { code?: string }).code === 'ETOOBIG') break;
      await new Promise((r) => setTimeout(r, 500 * 2 ** i));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/**
 * Adopts the job's result; returns the summary, or throws the run's own error when it failed
 * (as a local run's session does).
 */
export async function adoptOutcome(
  db: Db,
  store: ObjectStore,
  claim: RunClaim,
  config: RunConfig,
  outcome: ClusterJobOutcome,
): Promise<RunSummary & { cluster: ClusterRunInfo }> {
  const runId = claim.runId;
  const results = `${storeKeys.run(store.url, runId)}/results/`;
  // The key came through Redis: it must be one of this run's result objects, nothing else.
  if (!outcome.resultKey.startsWith(results) || outcome.resultKey.includes('/', results.length))
    throw new Error(`job ${runId} names a result outside ${results}: '${outcome.resultKey}'`);
  await loadHasher();
  const result = readResult(await download(store, outcome.resultKey), outcome.resultKey);
  adoptResult(db, claim, result);
  const cluster: ClusterRunInfo = {
    attempt: outcome.attempt,
    worker: outcome.worker,
    resumedFrom: outcome.resumedFrom,
    quarantined: outcome.quarantined,
  };
  recordClusterDone(db, runId, cluster);
  if (result.status === 'failed') throw new Error(result.error ?? `run ${runId} failed`);
  // As the run row now holds them: the summary shows what `runs list` and exports show.
  const stored = getRun(db, runId);
  const stats = stored?.stats ?? undefined;
  const report = stored?.report ?? undefined;
  return {
    runId,
    status: 'completed',
    ticks: result.ticksDone,
    bars: result.barsClosed ?? {},
    record: recordedKinds(config),
    seconds: result.seconds,
    ticksPerSec: result.seconds > 0 ? result.ticksDone / result.seconds : 0,
    // Statistics as stored (a NaN is stored as null, as for every run row).
    ...(stats && { stats: stats as unknown as RunSummary['stats'] }),
    ...(report && { report }),
    cluster,
  };
}
