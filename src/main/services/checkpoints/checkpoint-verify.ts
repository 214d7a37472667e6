/**
 * `checkpoints verify`, for the CLI and the app alike: the file's bytes and content (the reader
 * does both), then — when the checkpoint's run is in this data folder — the checks against the
 * store that resume would make. A failure throws the reader's typed error; content failures are
 * a CheckpointContentError listing every failed check.
 */
import type { Db } from '../db/database.ts';
import { getRun } from '../runs/run-store.ts';
import { readCheckpointFile, type CheckpointFile } from './checkpoint-reader.ts';
import { storeCheckProblems } from './content/store-checks.ts';
import { CheckpointContentError } from './content/validate-checkpoint.ts';

export interface VerifiedCheckpoint {
  ckpt: CheckpointFile;
  /** Checks that could not be made, and why (e.g. the run is not in this data folder). */
  skipped: string[];
}

/** `db` null: no data folder to check against (verifying a file must not create one). */
export function verifyCheckpoint(db: Db | null, file: string): VerifiedCheckpoint {
  const ckpt = readCheckpointFile(file);
  const d = ckpt.data;
  if (db === null) return { ckpt, skipped: ['no data folder: store checks skipped'] };
  const run = getRun(db, d.runId);
  const { problems, ticksChanged, skipped: history } = storeCheckProblems(db, d, run);
  if (problems.length > 0) throw new CheckpointContentError(problems, file);
  const skipped: string[] = history === null ? [] : [history];
  if (!run)
    skipped.push(`run ${d.runId} is not in this data folder: run and output checks skipped`);
  if (ticksChanged.length > 0)
    skipped.push(
      `the stored ticks of ${ticksChanged.join(', ')} changed since: tick checks skipped`,
    );
  return { ckpt, skipped };
}

/** The one-line verdict both front ends print for a good checkpoint. */
export function verifiedText(file: string, v: VerifiedCheckpoint): string {
  const { header, data, fileBytes } = v.ckpt;
  const notes = v.skipped.map((s) => `; ${s}`).join('');
  return (
    `${file}: OK (format ${header.version}, run ${data.runId}, seq ${data.seq}, ` +
    `${data.ticks} ticks, ${fileBytes} bytes${notes})`
  );
}
