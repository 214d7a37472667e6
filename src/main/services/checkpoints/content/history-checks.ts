/**
 * Store checks of a checkpoint's bar histories. A 'store' checkpoint promises that the run's
 * bar store holds the rows its histories need (checkpoint-data.ts); these checks rebuild them
 * (restore-history.ts) and then hold the rebuilt checkpoint to the same standards as one that
 * carried its histories: newest bar = end of the output, and a trial restore.
 */
import type { Db } from '../../db/database.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { withHistories } from '../restore-history.ts';
import { watermarkProblems } from './consistency-checks.ts';
import { trialRestoreProblems } from './trial-restore.ts';

export interface HistoryCheck {
  /** The checkpoint with its histories in place; null when they could not be rebuilt here. */
  restorable: CheckpointData | null;
  problems: string[];
  /** Why the histories were not checked (the run's bars are not in this data folder). */
  skipped: string | null;
}

function runExists(db: Db, runId: string): boolean {
  return db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId) !== undefined;
}

export function historyCheck(db: Db, d: CheckpointData): HistoryCheck {
  if (d.history === 'embedded') return { restorable: d, problems: [], skipped: null };
  if (!runExists(db, d.runId))
    return {
      restorable: null,
      problems: [],
      skipped: `run ${d.runId} is not in this data folder: its bar histories were not checked`,
    };
  const { data, problems } = withHistories(db, d);
  if (problems.length > 0) return { restorable: null, problems, skipped: null };
  const rebuilt = [...watermarkProblems(data), ...trialRestoreProblems(data)];
  return rebuilt.length > 0
    ? { restorable: null, problems: rebuilt.map((p) => `rebuilt history: ${p}`), skipped: null }
    : { restorable: data, problems: [], skipped: null };
}
