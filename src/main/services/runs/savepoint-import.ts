/**
 * The receiving end of a savepoint (checkpoints/savepoint.ts): `resume --checkpoint FILE` in a
 * data folder that does not have the file's run creates it there, under the same id, from the
 * savepoint alone — config, tick total, and (as pending rows) all output up to the checkpoint.
 * Only a savepoint can do that: any other checkpoint leaves its output and maybe its histories
 * in the data folder it came from.
 */
import { readCheckpointFile } from '../checkpoints/checkpoint-reader.ts';
import { changedSymbols } from '../checkpoints/content/store-checks.ts';
import type { Db } from '../db/database.ts';
import { insertRun } from './run-store.ts';

/** A resume that cannot import the file; the message says why and what to do. */
export class SavepointImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavepointImportError';
  }
}

/**
 * Creates run `runId` from the savepoint `file`. Refuses a file that is not a savepoint, is of
 * another run, or was taken on other ticks than those stored here (unless `force`, as resume's
 * own fingerprint check). The caller resumes the new run from the same file.
 */
export function importSavepointRun(db: Db, runId: string, file: string, force = false): void {
  const { data } = readCheckpointFile(file);
  if (data.meta.trigger !== 'savepoint')
    throw new SavepointImportError(
      `${file} is a checkpoint of run ${data.runId}, which is not in this data folder; its ` +
        `output${data.history === 'store' ? ' and bar history' : ''} stayed in the data folder it ` +
        `came from. Export a savepoint there (backtestr checkpoints export ${data.runId} ` +
        `${data.seq} --out FILE) and resume that.`,
    );
  if (data.runId !== runId)
    throw new SavepointImportError(
      `${file} is a savepoint of run ${data.runId}, not of run ${runId}`,
    );
  const changed = changedSymbols(db, data);
  if (changed.length > 0 && !force)
    throw new SavepointImportError(
      `the ticks stored here for ${changed.join(', ')} are not those savepoint ${file} was taken ` +
        `on (a different tick count, range or content hash); import the same tick data first ` +
        `(backtestr data list shows what is stored), or pass --force to resume anyway.`,
    );
  insertRun(db, data.config, data.ticksTotal, null, runId);
}

/** Removes a run made from a savepoint whose resume could not start (it has no rows yet). */
export function forgetImportedRun(db: Db, runId: string): void {
  db.prepare(`DELETE FROM runs WHERE id = ? AND status <> 'completed'`).run(runId);
}
