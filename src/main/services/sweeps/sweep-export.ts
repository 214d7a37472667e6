/**
 * A sweep's export (`sweeps export ID --out DIR`, `sweeps:export`): jobs.csv, best.json and, for
 * a walk-forward sweep, oos_equity.csv — byte-identical across identical sweeps.
 *
 * FOUNDATION STUB: the signature is fixed (the CLI and the backend call it); H2 implements.
 */
import type { SweepDetail } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';

/** Writes the export atomically into `dir` (ExportStaging); returns the file names written. */
export function writeSweepExport(_db: Db, _detail: SweepDetail, _dir: string): string[] {
  throw new Error('not implemented');
}
