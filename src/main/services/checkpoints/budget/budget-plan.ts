/**
 * Which checkpoint files go when the data folder is over its checkpoint budget (planBudget). Pure:
 * the caller lists the files and runs (disk-usage.ts) and says which files are intact.
 *
 * Rule, in this order, stopping as soon as the usage is at or under the budget:
 *   1. Runs that need no checkpoint to continue — completed, or with no run row (discarded) —
 *      oldest run first (finished, else created), each run's files by seq ascending, so its
 *      final checkpoint is the last of the run to go.
 *   2. Then the other runs' (running, paused, interrupted, failed) older checkpoints, oldest file
 *      first (mtime, then run id and seq), across runs.
 * Never deleted: for a run of step 2, its newest intact checkpoint and every newer file (those are
 * either being written or damaged, and damaged files are quarantined by the resume that finds
 * them, not deleted here). Intact = the container verifies (checksum); asked lazily, only when
 * step 2 is reached, because it reads the file.
 * Nothing else is needed by a kept checkpoint: a 'store' checkpoint refers to bar rows, which the
 * budget never deletes, and no checkpoint refers to another checkpoint file.
 */
import type { RunStatus } from '../../runs/run-config.ts';

export interface SpaceFile {
  runId: string;
  seq: number;
  /** Absolute path. */
  file: string;
  bytes: number;
  mtimeMs: number;
  /** A quarantined file (`.corrupt`): never a resume candidate. */
  quarantined: boolean;
}

export interface SpaceRun {
  runId: string;
  /** null: a folder with no run row (the run was discarded). */
  status: RunStatus | null;
  /** Finished, else created, ms; for orphans the newest file's mtime. */
  age: number;
}

export interface BudgetPlan {
  usageBytes: number;
  budgetBytes: number;
  /** Files to delete, in order. */
  remove: SpaceFile[];
  /** Usage once `remove` is gone. */
  afterBytes: number;
  /** Files step 2 had to keep: the newest intact checkpoint of each unfinished run (and newer). */
  protectedFiles: SpaceFile[];
}

const byRunThenSeq = (a: SpaceFile, b: SpaceFile): number =>
  a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : a.seq - b.seq;

export function needsNoCheckpoint(status: RunStatus | null): boolean {
  return status === null || status === 'completed' || status === 'stopped';
}

export function planBudget(
  runs: readonly SpaceRun[],
  files: readonly SpaceFile[],
  budgetBytes: number,
  intact: (f: SpaceFile) => boolean,
): BudgetPlan {
  const usageBytes = files.reduce((s, f) => s + f.bytes, 0);
  const plan: BudgetPlan = {
    usageBytes,
    budgetBytes,
    remove: [],
    afterBytes: usageBytes,
    protectedFiles: [],
  };
  const take = (list: readonly SpaceFile[]): void => {
    for (const f of list) {
      if (plan.afterBytes <= budgetBytes) return;
      plan.remove.push(f);
      plan.afterBytes -= f.bytes;
    }
  };
  const runOf = new Map(runs.map((r) => [r.runId, r]));
  const statusOf = (id: string): RunStatus | null => runOf.get(id)?.status ?? null;
  const ageOf = (id: string): number => runOf.get(id)?.age ?? 0;
  const finished = files
    .filter((f) => needsNoCheckpoint(statusOf(f.runId)))
    .sort((a, b) => ageOf(a.runId) - ageOf(b.runId) || byRunThenSeq(a, b));
  take(finished);
  if (plan.afterBytes <= budgetBytes) return plan;

  const unfinished = files.filter((f) => !needsNoCheckpoint(statusOf(f.runId)));
  const byRun = new Map<string, SpaceFile[]>();
  for (const f of unfinished) byRun.set(f.runId, [...(byRun.get(f.runId) ?? []), f]);
  const deletable: SpaceFile[] = [];
  for (const runFiles of byRun.values()) {
    const { keep, rest } = splitNewestIntact(runFiles, intact);
    plan.protectedFiles.push(...keep);
    deletable.push(...rest);
  }
  deletable.sort((a, b) => a.mtimeMs - b.mtimeMs || byRunThenSeq(a, b));
  take(deletable);
  return plan;
}

/**
 * A run's resume point and what is newer than it: newest → oldest, every non-quarantined file is
 * kept up to and including the first one that is intact. Quarantined files are always deletable.
 */
function splitNewestIntact(
  runFiles: readonly SpaceFile[],
  intact: (f: SpaceFile) => boolean,
): { keep: SpaceFile[]; rest: SpaceFile[] } {
  const live = runFiles.filter((f) => !f.quarantined).sort((a, b) => b.seq - a.seq);
  const keep: SpaceFile[] = [];
  let i = 0;
  for (; i < live.length; i++) {
    keep.push(live[i]);
    if (intact(live[i])) break;
  }
  const kept = new Set(keep);
  return { keep, rest: runFiles.filter((f) => !kept.has(f)) };
}
