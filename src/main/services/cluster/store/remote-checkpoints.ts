/**
 * The newest valid checkpoint of a run in an object store, as a local file to resume from
 * (`resume RUN_ID --from s3://…`, and a cluster worker picking up a job another attempt began).
 * Newest = most ticks across every attempt's folder (runs are deterministic: two attempts'
 * checkpoints at the same tick hold the same state). Each candidate is downloaded (bounded by
 * the checkpoint size cap) and read with every check a local resume makes; one that fails is
 * moved to runs/<id>/quarantine/… and the next older one tried, as locally.
 *
 * FOUNDATION STUB — implemented by the local-storage work (helper h1). Signatures are binding.
 */
import type { ObjectStore } from './object-store.ts';

export interface FetchedCheckpoint {
  /** The downloaded savepoint, in `dir`. */
  file: string;
  key: string;
  attempt: string;
  seq: number;
  ticks: number;
}

export interface FetchResult {
  checkpoint: FetchedCheckpoint | null;
  /** Keys moved to quarantine on the way, with the reason. */
  quarantined: { key: string; reason: string }[];
}

export async function fetchNewestCheckpoint(
  _store: ObjectStore,
  _runId: string,
  _dir: string,
): Promise<FetchResult> {
  return { checkpoint: null, quarantined: [] };
}
