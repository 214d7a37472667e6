/**
 * The timeline's marks of a run's history: where a session crashed (its process died without a
 * clean end), where the run was resumed, and — for a fork — where it branched off its parent.
 * Positions are in ticks; `valueAtTicks` turns them into the axis' value (progress % or simulated
 * time, interpolated between the checkpoints around them).
 */
import type { CheckpointInfo, RunResumeMark } from '../../../../shared/dto.ts';
import { count } from '../run/format.ts';

export type MarkKind = 'crash' | 'resume' | 'fork';

export interface TimelineMark {
  key: string;
  kind: MarkKind;
  ticks: number;
  /** Checkpoints the mark is about: their labels are placed first. */
  seqs: number[];
  text: string;
}

export function timelineMarks(
  checkpoints: readonly CheckpointInfo[],
  resumes: readonly RunResumeMark[],
  parent: { runId: string; seq: number } | null,
): TimelineMark[] {
  const marks: TimelineMark[] = [];
  resumes.forEach((r, i) => {
    const from = r.fromSeq === null ? 'the first tick' : `#${r.fromSeq}`;
    if (r.ended === 'crashed') {
      const after = r.afterSeq === null ? 'before its first checkpoint' : `after #${r.afterSeq}`;
      marks.push({
        key: `crash-${i}`,
        kind: 'crash',
        ticks: r.stoppedAtTicks,
        seqs: r.afterSeq === null ? [] : [r.afterSeq],
        text: `Crashed here (${after}, at ${count(r.stoppedAtTicks)} ticks), resumed from ${from}`,
      });
    }
    const how =
      r.ended === 'crashed' ? 'after the crash' : r.ended === 'paused' ? 'after a pause' : '';
    marks.push({
      key: `resume-${i}`,
      kind: 'resume',
      ticks: r.fromTicks,
      seqs: r.fromSeq === null ? [] : [r.fromSeq],
      text: `Resumed from ${from}${how ? ` ${how}` : ''}`,
    });
  });
  const forkPoint = checkpoints.find((c) => c.trigger === 'fork');
  if (parent && forkPoint) {
    marks.push({
      key: 'fork',
      kind: 'fork',
      ticks: forkPoint.ticks,
      seqs: [forkPoint.seq],
      text: `Forked from run ${parent.runId} at its checkpoint #${parent.seq}`,
    });
  }
  return marks;
}

/**
 * The axis value at `ticks`: progress % from the checkpoints' own ticks-to-% ratio, or the
 * simulated time interpolated between the checkpoints before and after (clamped at the ends).
 * null when the checkpoints give nothing to go by.
 */
export function valueAtTicks(
  checkpoints: readonly CheckpointInfo[],
  ticks: number,
  mode: 'time' | 'progress',
): number | null {
  if (mode === 'progress') {
    const ref = checkpoints.find((c) => c.ticks > 0 && c.progressPct > 0);
    return ref ? (ticks * ref.progressPct) / ref.ticks : null;
  }
  const known = checkpoints
    .filter((c): c is CheckpointInfo & { simTime: number } => c.simTime !== null)
    .sort((a, b) => a.ticks - b.ticks);
  if (known.length === 0) return null;
  const after = known.findIndex((c) => c.ticks >= ticks);
  if (after === -1) return known[known.length - 1].simTime;
  if (after === 0) return known[0].simTime;
  const a = known[after - 1];
  const b = known[after];
  return a.simTime + ((b.simTime - a.simTime) * (ticks - a.ticks)) / Math.max(1, b.ticks - a.ticks);
}
