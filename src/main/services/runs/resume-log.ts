/**
 * Where a run was resumed in place, and how its previous session had ended: one JSON line per
 * resume in `<run-dir>/resumes.jsonl`. The checkpoint index cannot tell it: after a crash the run
 * continues from its newest checkpoint and the next one simply follows, as if nothing happened.
 * Forks need no entry (the run row has parent_run_id / parent_seq). A side file, not a table:
 * it is informational (the timeline's crash and resume marks), never read by resume itself, and
 * goes with the run folder when the run is discarded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { runDir } from '../checkpoints/checkpoint-store.ts';

const entrySchema = z.object({
  /** ms UTC (wall clock) when the resume started. */
  wallTime: z.number().int(),
  /** The checkpoint it continued from; null when it started again from the first tick. */
  fromSeq: z.number().int().nonnegative().nullable(),
  fromTicks: z.number().int().nonnegative(),
  /** The newest checkpoint written before: the previous session stopped after it. */
  afterSeq: z.number().int().nonnegative().nullable(),
  /** How far the previous session had got (its last progress report). */
  stoppedAtTicks: z.number().int().nonnegative(),
  /**
   * The run's status when resumed: 'interrupted' = its process died (crash, kill). Any short
   * string: a status added later is still recorded (and read as 'other').
   */
  previous: z.string().max(32),
});

export type ResumeLogEntry = z.infer<typeof entrySchema>;

/** Reading never allocates more than this; a longer file is read from its end. */
const MAX_BYTES = 256 * 1024;

const fileOf = (dataDir: string, runId: string) =>
  path.join(runDir(dataDir, runId), 'resumes.jsonl');

/**
 * Appends one entry. Best effort on purpose: losing a timeline mark must not stop a resume
 * (a full disk shows up at the next checkpoint, which matters).
 */
export function appendResumeLog(dataDir: string, runId: string, entry: ResumeLogEntry): void {
  try {
    fs.mkdirSync(runDir(dataDir, runId), { recursive: true });
    fs.appendFileSync(fileOf(dataDir, runId), JSON.stringify(entrySchema.parse(entry)) + '\n');
  } catch {
    // See above: informational only.
  }
}

/** The entries, oldest first; lines that are not valid entries (a torn last line) are skipped. */
export function readResumeLog(dataDir: string, runId: string): ResumeLogEntry[] {
  let text: string;
  try {
    const fd = fs.openSync(fileOf(dataDir, runId), 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, MAX_BYTES);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, size - length);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return []; // no resumes recorded (or unreadable): no marks
  }
  const entries: ResumeLogEntry[] = [];
  for (const line of text.split('\n')) {
    try {
      const parsed = entrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A partial first line (read from the middle) or a torn last one.
    }
  }
  return entries;
}
