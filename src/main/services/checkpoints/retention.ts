/**
 * Which checkpoints of a run to keep. Two needs: resuming wants the newest few (several, in case
 * the newest turns out unreadable), and browsing wants a short history across the whole run.
 *
 * Rule (planRetention):
 *   1. The newest `keep` valid checkpoints by seq (default 5; at least 1 even with keep 0, the
 *      one a resume would start from).
 *   2. Milestones: progress is cut into `milestones` equal bands of ticks (default 10, i.e.
 *      deciles: band b holds ticks in [b·T/10, (b+1)·T/10), the last band also anything ≥ T). In
 *      each band the valid checkpoint with the fewest ticks (then the lowest seq) is kept.
 *   3. The run's final checkpoint: one taken at the end of the data (trigger 'end'), or the pause
 *      checkpoint (trigger 'shutdown') when it is the newest — what a paused run resumes from and
 *      what a finished run's last state is, whatever `keep` says.
 *   4. Every other valid checkpoint is removed. Invalid ones are in neither list: corrupt files
 *      are quarantined by whoever found them, never deleted here.
 *
 * Why "the oldest in its band": checkpoints arrive with growing ticks, so the first one to land in
 * a band stays that band's milestone for the rest of the run. Applying the plan after every write
 * therefore never removes a milestone it kept before, and ends with the same set as planning once
 * over all checkpoints: ≤ `keep` + `milestones` files, one per band the run passed a checkpoint in.
 * (After resuming from an older checkpoint, ticks can go back; a band may then get an earlier
 * milestone and release its previous one. That is still a valid, spread history.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCheckpointFileName } from './btck/file-name.ts';
import type { CheckpointTrigger } from './checkpoint-data.ts';

export interface RetentionCandidate {
  seq: number;
  ticks: number;
  valid: boolean;
  /** What took it (index row's trigger); 'end' and a newest 'shutdown' are always kept. */
  trigger?: CheckpointTrigger;
}

export interface RetentionOptions {
  /** Newest valid checkpoints kept (default 5). */
  keep?: number;
  /** Ticks the run processes in all (≤ 0: no milestones). */
  ticksTotal: number;
  /** Progress bands with one milestone each (default 10: one per 10 % of progress). */
  milestones?: number;
}

export interface RetentionPlan {
  /** Valid checkpoints to keep, by seq ascending. */
  keep: number[];
  /** Valid checkpoints to delete, by seq ascending. */
  remove: number[];
}

export const DEFAULT_KEEP = 5;
export const DEFAULT_MILESTONES = 10;

export function planRetention(
  checkpoints: readonly RetentionCandidate[],
  opts: RetentionOptions,
): RetentionPlan {
  const keepNewest = opts.keep ?? DEFAULT_KEEP;
  const bands = opts.milestones ?? DEFAULT_MILESTONES;
  if (!Number.isInteger(keepNewest) || keepNewest < 0) {
    throw new RangeError(`keep must be an integer >= 0, got ${keepNewest}`);
  }
  if (!Number.isInteger(bands) || bands < 0) {
    throw new RangeError(`milestones must be an integer >= 0, got ${bands}`);
  }
  const valid = checkpoints.filter((c) => c.valid).sort((a, b) => a.seq - b.seq);
  const kept = new Set<number>();
  for (const c of valid.slice(-Math.max(1, keepNewest))) kept.add(c.seq);
  for (const seq of milestoneSeqs(valid, opts.ticksTotal, bands)) kept.add(seq);
  for (const c of finalCheckpoints(valid)) kept.add(c.seq);
  const seqs = [...new Set(valid.map((c) => c.seq))];
  return { keep: seqs.filter((s) => kept.has(s)), remove: seqs.filter((s) => !kept.has(s)) };
}

/** Every 'end' checkpoint, and the newest checkpoint when a pause ('pause', 'shutdown') took it. */
function finalCheckpoints(valid: readonly RetentionCandidate[]): RetentionCandidate[] {
  const newest = valid.at(-1);
  const paused = newest?.trigger === 'pause' || newest?.trigger === 'shutdown' ? [newest] : [];
  return [...valid.filter((c) => c.trigger === 'end'), ...paused];
}

/** Per progress band, the valid checkpoint with the fewest ticks (ties: lowest seq). */
function milestoneSeqs(
  valid: readonly RetentionCandidate[],
  ticksTotal: number,
  bands: number,
): number[] {
  if (bands === 0 || !(ticksTotal > 0)) return [];
  const best = new Map<number, RetentionCandidate>();
  for (const c of valid) {
    const band = Math.min(bands - 1, Math.max(0, Math.floor((c.ticks * bands) / ticksTotal)));
    const cur = best.get(band);
    if (!cur || c.ticks < cur.ticks || (c.ticks === cur.ticks && c.seq < cur.seq)) {
      best.set(band, c);
    }
  }
  return [...best.values()].map((c) => c.seq);
}

/**
 * Deletes the plan's `remove` checkpoints from `dir`, best effort, and returns the paths deleted.
 * `files` maps seq → path when the caller knows them (from its index); otherwise the directory is
 * listed. Bounded: only files in `dir` whose name parses as a checkpoint with a seq in `remove` are
 * touched — never a .tmp, a .corrupt or anything else — and each at most once. Not fsynced: if a
 * crash loses a deletion, the file is still valid and the next retention pass removes it.
 */
export function applyRetention(
  dir: string,
  plan: RetentionPlan,
  files?: ReadonlyMap<number, string>,
): string[] {
  const remove = new Set(plan.remove);
  const targets = files
    ? [...remove].flatMap((seq) => {
        const file = files.get(seq);
        return file === undefined ? [] : [{ seq, file }];
      })
    : listCheckpoints(dir);
  const deleted: string[] = [];
  const home = path.resolve(dir);
  for (const { seq, file } of targets) {
    if (!remove.has(seq) || parseCheckpointFileName(path.basename(file))?.seq !== seq) continue;
    if (path.dirname(path.resolve(file)) !== home) continue;
    try {
      fs.unlinkSync(file);
      deleted.push(file);
    } catch {
      // Already gone, or not deletable now: the next pass tries again.
    }
  }
  return deleted;
}

function listCheckpoints(dir: string): { seq: number; file: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const parsed = parseCheckpointFileName(name);
    return parsed ? [{ seq: parsed.seq, file: path.join(dir, name) }] : [];
  });
}
