/**
 * A workspace may hold an older local copy of a run: an attempt of this worker that died, or
 * lost its lock, before the job came back here. A new attempt starts from tick 0 or from the
 * store's newest checkpoint, never from that copy (the store is the truth a cluster shares), so
 * the copy goes first: its row (its output rows and checkpoint rows go with it, ON DELETE
 * CASCADE) and its folder of checkpoint files. A zombie attempt still writing to it is fenced:
 * its claim is gone with the row, so its next write is refused.
 */
import fs from 'node:fs';
import { runDir } from '../../checkpoints/checkpoint-store.ts';
import type { Db } from '../../db/database.ts';
import { checkSegment } from '../store/store-keys.ts';

export function resetWorkspaceRun(db: Db, dataDir: string, runId: string): void {
  checkSegment('run id', runId); // it names a folder to delete
  db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
  fs.rmSync(runDir(dataDir, runId), { recursive: true, force: true });
}
