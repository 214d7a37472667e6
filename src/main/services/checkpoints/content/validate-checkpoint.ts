/**
 * Everything a checkpoint's content must satisfy on its own, before anyone trusts it: the
 * schema, the shapes, the cross-checks between fields, a trial restore, and (when the file has a
 * checkpoint's name) agreement between the name and the content. The checks that need the tick
 * store are in store-checks.ts. Any failure is a CheckpointContentError: corrupt, so resume
 * quarantines the file and falls back to the next older one, and verify lists what failed.
 */
import path from 'node:path';
import { CorruptCheckpointError } from '../btck/errors.ts';
import { parseCheckpointFileName } from '../btck/file-name.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { checkpointDataSchema } from './checkpoint-schema.ts';
import { countProblems, watermarkProblems } from './consistency-checks.ts';
import { MAX_PROBLEMS, schemaProblems } from './problem-text.ts';
import { shapeProblems } from './shape-checks.ts';
import { trialRestoreProblems } from './trial-restore.ts';

/** A checksum-valid checkpoint whose content is not a state a run could have reached. */
export class CheckpointContentError extends CorruptCheckpointError {
  /** Each failed check, `field: problem`. */
  readonly problems: string[];
  constructor(problems: string[], file?: string) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > shown.length ? '; and more' : '';
    super('content', shown.join('; ') + more, file);
    this.name = 'CheckpointContentError';
    this.problems = shown;
  }
}

/** Problems of the content alone (file name aside), in the order the checks depend on each other. */
export function checkpointContentProblems(data: unknown): string[] {
  const parsed = checkpointDataSchema.safeParse(data);
  if (!parsed.success) return schemaProblems(data, parsed.error);
  const d = data as CheckpointData;
  const shape = shapeProblems(d);
  if (shape.length > 0) return shape;
  const cross = [...countProblems(d), ...watermarkProblems(d)];
  if (cross.length > 0) return cross;
  return trialRestoreProblems(d);
}

/** `ckpt-<seq>-<ticks>.btck` promises a seq and a tick count; the content must keep it. */
export function fileNameProblems(d: CheckpointData, file: string): string[] {
  const name = parseCheckpointFileName(path.basename(file));
  if (name === null) return []; // a copy under another name (e.g. a fixture) promises nothing
  const out: string[] = [];
  if (name.seq !== d.seq) out.push(`seq: ${d.seq}, but the file is named for seq ${name.seq}`);
  if (name.ticks !== d.ticks)
    out.push(`ticks: ${d.ticks}, but the file is named for ${name.ticks} ticks`);
  return out;
}

/** Throws CheckpointContentError naming every failed check; returns the data typed otherwise. */
export function validateCheckpointContent(data: unknown, file: string): CheckpointData {
  let problems = checkpointContentProblems(data);
  if (problems.length === 0) problems = fileNameProblems(data as CheckpointData, file);
  if (problems.length > 0) throw new CheckpointContentError(problems, file);
  return data as CheckpointData;
}
