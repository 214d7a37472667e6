/**
 * `resume RUN_ID --from s3://BUCKET/PREFIX`: the run's newest valid savepoint in the store
 * (services/cluster/store/remote-checkpoints.ts) is downloaded into a temp folder and resumed
 * like any savepoint — a run not in this data folder is created under its id, one that is here
 * already is forked. The temp folder is removed once the session is over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3ObjectStore } from '../services/cluster/store/object-store.ts';
import { fetchNewestCheckpoint } from '../services/cluster/store/remote-checkpoints.ts';
import {
  formatStoreUrl,
  parseStoreUrl,
  StoreUrlError,
} from '../services/cluster/store/store-url.ts';
import { getRun } from '../services/runs/run-store.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './usage.ts';

export interface FetchedSavepoint {
  file: string;
  /** Removes the downloaded file and its temp folder. */
  remove(): void;
}

export async function fetchFromStore(
  ctx: CliContext,
  runId: string,
  from: string,
): Promise<FetchedSavepoint> {
  let url;
  try {
    url = parseStoreUrl(from, '--from');
  } catch (e) {
    if (e instanceof StoreUrlError) throw new UsageError(e.message);
    throw e;
  }
  const where = formatStoreUrl(url);
  const store = new S3ObjectStore(url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-from-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const r = await fetchNewestCheckpoint(store, runId, dir);
    for (const q of r.quarantined)
      ctx.err(`store object failed a check, moved to quarantine: ${q.key} (${q.reason})`);
    for (const s of r.skipped ?? []) ctx.err(`store object passed over: ${s.key} (${s.reason})`);
    const c = r.checkpoint;
    if (c === null)
      throw new Error(`${where} holds no valid checkpoint of run ${runId} to resume from`);
    ctx.err(
      `taking checkpoint ${c.seq} at ${c.ticks} ticks from ${where} (${c.key}, written by ${c.attempt})`,
    );
    if (getRun(ctx.db, runId))
      ctx.err(
        `run ${runId} is in this data folder already: the savepoint resumes as a new run forked from it`,
      );
    return { file: c.file, remove };
  } catch (e) {
    remove();
    throw e;
  } finally {
    store.close();
  }
}
