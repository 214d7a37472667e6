/**
 * The following half of a ClusterRunHost session: the job's progress mirrored into the run row
 * (fenced by the session's claim, at most once a second) and to the caller, then the run's end
 * as this data folder records it — the result adopted, the job's failure, or paused when the
 * caller stopped following (the job goes on; `resume --cluster` picks it up).
 */
import type { Db } from '../../db/database.ts';
import { recordedKinds, type RunConfig } from '../../runs/run-config.ts';
import type { RunClaim } from '../../runs/run-fence.ts';
import type { RunProgress } from '../../runs/run-loop.ts';
import { finishRun, setRunStatus, updateRunProgress } from '../../runs/run-store.ts';
import type { ClusterJobProgress, ResumedFrom } from '../cluster-job.ts';
import { adoptOutcome } from './adopt-outcome.ts';
import type { ClusterClient } from './cluster-client.ts';
import type { ClusterRunSummary } from './cluster-run-host.ts';
import { followJob } from './follow-job.ts';

/** Progress is mirrored into the run row at most this often (a fenced write each). */
const PROGRESS_WRITE_MS = 1000;

export interface FollowRunOptions {
  db: Db;
  client: ClusterClient;
  claim: RunClaim;
  config: RunConfig;
  ticksTotal: number;
  /** Resolves when the caller stops following (pause or stop). */
  stopped: Promise<void>;
  stopFollowing: () => void;
  /** Set when the caller stopped the run rather than paused it. */
  stopReason: () => string | null;
  onProgress?: (p: RunProgress) => void;
  onAttempt?: (attempt: string, resumedFrom: ResumedFrom | null) => void;
}

export async function followRun(o: FollowRunOptions): Promise<ClusterRunSummary> {
  const { db, claim } = o;
  let last: ClusterJobProgress | null = null;
  let lastWrite = 0;
  let attempt: string | null = null;
  let lost: unknown = null;
  const onProgress = (p: ClusterJobProgress) => {
    if (p.attempt !== attempt) {
      attempt = p.attempt;
      o.onAttempt?.(p.attempt, p.resumedFrom);
    }
    last = p;
    const now = Date.now();
    if (now - lastWrite >= PROGRESS_WRITE_MS) {
      lastWrite = now;
      try {
        updateRunProgress(db, claim, p.ticksDone, p.seconds);
      } catch (err) {
        lost = err; // another session owns the run now: stop following
        o.stopFollowing();
      }
    }
    o.onProgress?.({ runId: claim.runId, ...p, ticksTotal: o.ticksTotal, simTime: p.simTime ?? 0 });
  };
  const end = await followJob(o.client, claim.runId, { onProgress, stopped: o.stopped });
  if (lost) throw lost;
  if (end.kind === 'completed')
    return adoptOutcome(db, o.client.store, claim, o.config, end.outcome);
  const reason = end.kind === 'failed' ? end.reason : o.stopReason();
  if (reason !== null) {
    finishRun(db, claim, 'failed', reason);
    throw new Error(reason);
  }
  const p = last as ClusterJobProgress | null;
  if (p) updateRunProgress(db, claim, p.ticksDone, p.seconds);
  setRunStatus(db, claim, 'paused');
  return {
    runId: claim.runId,
    status: 'paused',
    ticks: p?.ticksDone ?? 0,
    bars: {},
    record: recordedKinds(o.config),
    seconds: p?.seconds ?? 0,
    ticksPerSec: p?.ticksPerSec ?? 0,
  };
}
