/**
 * What the store tests share: a real local S3 server (s3rver, scripts/cluster/local-servers.ts)
 * with the SDK of this process pointed at it, and a data folder holding a finished run whose
 * checkpoints are all kept — real savepoints can be built from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startS3, type LocalS3 } from '../../scripts/cluster/local-servers.ts';
import type { CheckpointResult } from '../../src/main/services/checkpoints/checkpoint-writer.ts';
import { parseCheckpointFileName } from '../../src/main/services/checkpoints/btck/file-name.ts';
import { S3ObjectStore } from '../../src/main/services/cluster/store/object-store.ts';
import { parseStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
import { cli } from '../cli/run-cli.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import {
  checkpointFiles,
  CKPT,
  RUN_ARGS,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';

/** Every tick trigger writes its checkpoint (none skipped), so counts do not depend on load. */
export const NO_SKIP = { BACKTESTR_TEST_CKPT_NO_SKIP: '1' };

/** Starts s3rver for the file's tests; the SDK of this process and of its children uses it. */
export function useS3(): () => LocalS3 {
  let s3: LocalS3 | null = null;
  const saved = { ...process.env };
  beforeAll(async () => {
    s3 = await startS3();
    Object.assign(process.env, s3.env);
  }, 60_000);
  afterAll(async () => {
    for (const k of Object.keys(s3?.env ?? {})) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await s3?.stop();
  });
  return () => s3!;
}

let prefixes = 0;
/** A store under a fresh prefix of the test server's bucket: tests do not see each other's objects. */
export function freshStore(s3: LocalS3): S3ObjectStore {
  return new S3ObjectStore(parseStoreUrl(`s3://${s3.bucket}/t${process.pid}-${++prefixes}`));
}

/** A finished run in `dir` with every checkpoint kept; returns its id and checkpoint files. */
export function finishedRun(dir: string): { runId: string; files: string[] } {
  const r = cli(dir, ['run', ...RUN_ARGS, ...CKPT, '--keep', '50', '--json'], NO_SKIP);
  expect(r.code, r.stderr).toBe(0);
  const runId = JSON.parse(r.stdout).runId as string;
  return { runId, files: checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck')) };
}

/** What RunHost's onCheckpoint hands over for a written file. */
export function written(file: string): CheckpointResult {
  const { seq } = parseCheckpointFileName(path.basename(file))!;
  const bytes = fs.statSync(file).size;
  return {
    ok: true,
    seq,
    path: file,
    bytes,
    compressMs: 0,
    encodeMs: 0,
    durableMs: 0,
    verifyMs: 0,
    rowsMs: 0,
    totalMs: 0,
  };
}

/** Polls until `check` holds (a test's own timeout bounds it — never a wall-clock assertion). */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

export interface FinishedRunFixture {
  dir: string;
  runId: string;
  files: string[];
  db: Db;
}

/**
 * A test file's finished run (finishedRun) in a 2-day data folder, made once before its tests,
 * handed to `take`, its database closed after them.
 */
export function useFinishedRun(take: (r: FinishedRunFixture) => void): void {
  const folder = useDataFolders(2, 4);
  let db: Db | undefined;
  beforeAll(() => {
    const dir = folder();
    const { runId, files } = finishedRun(dir);
    db = openDatabase(dir);
    take({ dir, runId, files, db });
  }, 120_000);
  afterAll(() => db?.close());
}
