/**
 * What the checkpoint browser asks of checkpoint files — verify, inspect, diff — as plain
 * requests and structured-cloneable answers, so they can run in a throwaway child process or worker
 * (isolated-read.ts): a file that still manages to exhaust memory kills that reader, not the
 * backend serving the app or the web bridge.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { databasePath, type Db } from '../db/database.ts';
import { CorruptCheckpointError, UnsupportedCheckpointVersionError } from './btck/errors.ts';
import { readCheckpointFile } from './checkpoint-reader.ts';
import { verifiedText, verifyCheckpoint } from './checkpoint-verify.ts';
import {
  diffCheckpoints,
  inspectCheckpoint,
  type DiffReport,
  type InspectReport,
} from './report/index.ts';

export type ReadRequest =
  /** dataDir: the folder whose store the checkpoint is checked against (null: file checks only). */
  | { op: 'verify'; file: string; dataDir: string | null }
  | { op: 'inspect'; file: string }
  | { op: 'diff'; a: string; b: string };

export interface VerifyAnswer {
  ok: boolean;
  message: string;
}

export type ReadAnswer<R extends ReadRequest> = R extends { op: 'verify' }
  ? VerifyAnswer
  : R extends { op: 'inspect' }
    ? InspectReport
    : DiffReport;

/**
 * The data folder's database opened read-only for the store checks: this thread must not
 * migrate or write it, and verifying a file must not create a data folder.
 */
function readOnlyDb(dataDir: string | null): Db | null {
  if (dataDir === null || !fs.existsSync(databasePath(dataDir))) return null;
  const db = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
}

/** Damage and newer formats are answers (ok: false), not errors: that is what verify is for. */
function verify(file: string, dataDir: string | null): VerifyAnswer {
  const db = readOnlyDb(dataDir);
  try {
    return { ok: true, message: verifiedText(file, verifyCheckpoint(db, file)) };
  } catch (err) {
    if (err instanceof CorruptCheckpointError || err instanceof UnsupportedCheckpointVersionError)
      return { ok: false, message: err.message };
    throw err;
  } finally {
    db?.close();
  }
}

function inspect(file: string): InspectReport {
  const c = readCheckpointFile(file);
  const { path, fileBytes, payloadBytes, header } = c;
  return inspectCheckpoint(c.data, { path, fileBytes, payloadBytes, header });
}

/** Runs one request in this thread. The hasher must be loaded. */
export function runReadRequest<R extends ReadRequest>(req: R): ReadAnswer<R> {
  switch (req.op) {
    case 'verify':
      return verify(req.file, req.dataDir) as ReadAnswer<R>;
    case 'inspect':
      return inspect(req.file) as ReadAnswer<R>;
    case 'diff':
      return diffCheckpoints(
        readCheckpointFile(req.a).data,
        readCheckpointFile(req.b).data,
      ) as ReadAnswer<R>;
  }
}
