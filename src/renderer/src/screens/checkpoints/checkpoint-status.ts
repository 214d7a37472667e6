/**
 * What a checkpoint's status allows. A deleted, garbage-collected or missing checkpoint has no
 * file to read, so it cannot be inspected, verified, diffed or resumed from; the screen says why
 * instead of letting the action fail.
 */
import type { CheckpointInfo } from '../../../../shared/dto.ts';

/** Statuses whose file is gone. */
const GONE: ReadonlySet<CheckpointInfo['status']> = new Set(['deleted', 'gc', 'missing']);

export const isGone = (c: CheckpointInfo): boolean => GONE.has(c.status);

/** Statuses whose file is there to read. */
export const readable = (c: CheckpointInfo | undefined): c is CheckpointInfo =>
  c !== undefined && !isGone(c);

/** Why a checkpoint cannot be compared, or null when it can. */
export function diffBlocker(c: CheckpointInfo): string | null {
  switch (c.status) {
    case 'deleted':
      return `Checkpoint #${c.seq} was deleted: its file is gone, so it cannot be compared`;
    case 'gc':
      return `Checkpoint #${c.seq} was removed by the checkpoint disk budget: it cannot be compared`;
    case 'missing':
      return `Checkpoint #${c.seq}'s file is missing from disk: it cannot be compared`;
    case 'corrupt':
      return `Checkpoint #${c.seq} is damaged: it cannot be read to compare`;
    default:
      return null;
  }
}

/** "12 checkpoints", or "12 checkpoints (3 deleted)" counting only the ones with a file. */
export function countLabel(list: CheckpointInfo[]): string {
  const gone = list.filter(isGone).length;
  const present = list.length - gone;
  const noun = `${present} checkpoint${present === 1 ? '' : 's'}`;
  return gone === 0 ? noun : `${noun} (${gone} deleted)`;
}
