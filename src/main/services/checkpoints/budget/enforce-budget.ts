/**
 * One pass of the checkpoint budget over a data folder: measure (disk-usage.ts), plan
 * (budget-plan.ts), delete. Used after every checkpoint write (budget-thread.ts, off the engine
 * thread) and by `backtestr checkpoints gc` / the app's Settings panel.
 *
 * Safe beside other processes that own runs in the same folder, though this pass owns none of
 * them (it takes no run claim): it never deletes a run's newest intact checkpoint nor anything
 * newer, which is all a session or a resume needs; deleting a file the owner's own retention
 * deletes at the same moment is tolerated on both sides (ENOENT); and the index row of a deleted
 * file only changes from 'valid' to 'gc', which owners treat like 'deleted' (their retention only
 * reads 'valid' rows, and a seq is never reused because the row stays).
 */
import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { verifyBtck } from '../btck/btck-codec.ts';
import { readRegularFile } from '../btck/regular-file.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../checkpoint-data.ts';
import { checkpointBudget, type CheckpointBudget } from './budget-size.ts';
import { planBudget, type SpaceFile } from './budget-plan.ts';
import { scanCheckpointSpace } from './disk-usage.ts';

export interface BudgetFile {
  runId: string;
  seq: number;
  file: string;
  bytes: number;
}

/** Usage against the budget, without planning anything. */
export interface CheckpointSpaceSummary extends CheckpointBudget {
  usageBytes: number;
  files: number;
}

export function describeCheckpointSpace(db: Db, dataDir: string): CheckpointSpaceSummary {
  const { files } = scanCheckpointSpace(db, dataDir);
  const usageBytes = files.reduce((s, f) => s + f.bytes, 0);
  return { ...checkpointBudget(db, dataDir), usageBytes, files: files.length };
}

export interface BudgetReport extends CheckpointSpaceSummary {
  dryRun: boolean;
  /** Deleted (or, dry run, would be deleted), in order. */
  deleted: BudgetFile[];
  /** Usage after the pass (dry run: what it would be). */
  afterBytes: number;
  /** Checkpoints kept although over budget: the resume points of unfinished runs. */
  protectedFiles: BudgetFile[];
}

const brief = (f: SpaceFile): BudgetFile => ({
  runId: f.runId,
  seq: f.seq,
  file: f.file,
  bytes: f.bytes,
});

/** The container checks a resume makes first (size, magic, checksum, version); no decompression. */
export function isIntactCheckpoint(file: string): boolean {
  try {
    verifyBtck(readRegularFile(file), CHECKPOINT_FORMAT_VERSION);
    return true;
  } catch {
    return false;
  }
}

export function enforceCheckpointBudget(
  db: Db,
  dataDir: string,
  opts: { dryRun?: boolean } = {},
): BudgetReport {
  const dryRun = opts.dryRun ?? false;
  const budget = checkpointBudget(db, dataDir);
  const { runs, files } = scanCheckpointSpace(db, dataDir);
  const plan = planBudget(runs, files, budget.budgetBytes, (f) => isIntactCheckpoint(f.file));
  const deleted = dryRun ? plan.remove : plan.remove.filter(deleteQuietly);
  if (!dryRun && deleted.length > 0) markCollected(db, deleted);
  const freed = deleted.reduce((s, f) => s + f.bytes, 0);
  return {
    ...budget,
    dryRun,
    usageBytes: plan.usageBytes,
    files: files.length,
    deleted: deleted.map(brief),
    afterBytes: plan.usageBytes - freed,
    protectedFiles: plan.protectedFiles.map(brief),
  };
}

/** Only a regular file (never a symlink's target); gone already counts as not deleted by us. */
function deleteQuietly(f: SpaceFile): boolean {
  try {
    if (!fs.lstatSync(f.file).isFile()) return false;
    fs.unlinkSync(f.file);
    return true;
  } catch {
    return false; // removed meanwhile by its run's retention, or not removable now
  }
}

/** One short transaction: 'valid' → 'gc' only, so a row an owner marked otherwise is left alone. */
function markCollected(db: Db, deleted: readonly SpaceFile[]): void {
  const mark = db.prepare(
    "UPDATE checkpoints SET status = 'gc' WHERE run_id = ? AND seq = ? AND status = 'valid'",
  );
  db.transaction(() => {
    for (const f of deleted) if (!f.quarantined) mark.run(f.runId, f.seq);
  })();
}
