/**
 * A sweep session's jobs on a cluster: every job a ClusterRunHost sharing the session's one
 * ClusterClient (one Queue, one QueueEvents, one store client for a thousand jobs). The sweep's
 * job pool takes this factory in place of the local one and is otherwise unchanged.
 *
 * One exception: a job whose run was started here and never sent to a cluster (a local sweep
 * interrupted, now resumed with --cluster) has its checkpoints only in this data folder, so it
 * resumes here, through `local`; its pending jobs go to the cluster.
 */
import type { RunHandleFactory } from '../../runs/isolation/run-handle.ts';
import { getClusterRun } from '../cluster-runs.ts';
import type { ClusterClient } from './cluster-client.ts';
import { ClusterRunHost } from './cluster-run-host.ts';

export function clusterRunHandles(
  client: ClusterClient,
  local: RunHandleFactory,
): RunHandleFactory {
  return (req) => {
    if (req.job.kind === 'resume' && getClusterRun(req.db, req.job.request.runId) === null)
      return local(req);
    return new ClusterRunHost({
      db: req.db,
      dataDir: req.dataDir,
      client,
      job: req.job,
      checkpoints: req.checkpoints,
      sweepJob: req.sweepJob,
      onProgress: req.onProgress,
    });
  };
}
