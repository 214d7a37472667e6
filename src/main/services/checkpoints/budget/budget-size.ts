/**
 * The checkpoint budget of a data folder: the size set by the user (settings), else automatic —
 * min(2 GiB, 10 % of the free space of the folder's filesystem). The automatic budget follows the
 * disk: as other programs fill it, checkpoints give way before the disk runs out.
 */
import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { getSetting } from '../../settings/settings-store.ts';

export const AUTO_BUDGET_CAP_BYTES = 2 * 2 ** 30;
export const AUTO_BUDGET_FREE_SHARE = 0.1;

export interface CheckpointBudget {
  /** What the passes enforce. */
  budgetBytes: number;
  /** The user's setting; null: automatic. */
  settingBytes: number | null;
  /** What automatic would be now. */
  autoBytes: number;
  /** Free space for this user on the data folder's filesystem. */
  freeBytes: number;
}

export function freeBytesOf(dataDir: string): number {
  const s = fs.statfsSync(dataDir);
  return s.bavail * s.bsize;
}

export function autoBudgetBytes(freeBytes: number): number {
  return Math.min(AUTO_BUDGET_CAP_BYTES, Math.floor(freeBytes * AUTO_BUDGET_FREE_SHARE));
}

export function checkpointBudget(db: Db, dataDir: string): CheckpointBudget {
  const freeBytes = freeBytesOf(dataDir);
  const autoBytes = autoBudgetBytes(freeBytes);
  const settingBytes = getSetting(db, 'checkpointBudgetBytes');
  return { budgetBytes: settingBytes ?? autoBytes, settingBytes, autoBytes, freeBytes };
}
