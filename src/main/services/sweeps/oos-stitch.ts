/**
 * Walk-forward: the out-of-sample runs' equity stitched into one curve, and its statistics.
 *
 * FOUNDATION STUB: the signature is fixed (readSweep fills SweepDetail.oosStats with it); H2
 * implements.
 */
import type { SweepDetail } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';

/** Statistics of the stitched OOS equity and all OOS trades; null for a plain sweep or no OOS run. */
export function oosStatistics(_db: Db, _detail: SweepDetail): Record<string, number | null> | null {
  throw new Error('not implemented');
}
