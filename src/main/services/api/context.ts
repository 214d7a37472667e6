/**
 * What every domain's handlers get: the open database, the data folder, events, the active
 * runs and sweeps, and the connection to the cluster of the settings.
 */
import type { EventMap } from '../../../shared/contract.ts';
import type { Db } from '../db/database.ts';
import { getRun } from '../runs/run-store.ts';
import type { RunRecord } from '../runs/run-config.ts';
import type { ActiveRuns } from './active-runs.ts';
import type { ActiveSweeps } from './active-sweeps.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import type { Emitter } from './events.ts';

export interface BackendContext {
  readonly db: Db;
  readonly dataDir: string;
  readonly host: 'electron' | 'web';
  readonly events: Emitter<EventMap>;
  readonly runs: ActiveRuns;
  readonly sweeps: ActiveSweeps;
  /** The cluster of the settings, connected at its first use. */
  readonly cluster: ClusterConnection;
}

export function requireRun(ctx: BackendContext, runId: string): RunRecord {
  const run = getRun(ctx.db, runId);
  if (!run) throw new Error(`no run '${runId}'`);
  return run;
}

/**
 * An ISO date from the contract (`2024-01-01`, `2024-01-01T12:00:00Z`) as ms UTC. A time without
 * a zone is UTC too, as everywhere in BackTestr (Date.parse would read it as local time).
 */
export function utcMs(name: string, iso: string): number {
  const t = Date.parse(iso.includes('T') && !iso.endsWith('Z') ? `${iso}Z` : iso);
  if (Number.isNaN(t)) throw new Error(`${name}: '${iso}' is not a valid date`);
  return t;
}
