/**
 * A sweep session's jobs on a cluster: every job a ClusterRunHost sharing the session's one
 * ClusterClient (one Queue, one QueueEvents, one store client for a thousand jobs). The sweep's
 * job pool takes this factory in place of the local one and is otherwise unchanged.
 */
import type { RunHandleFactory } from '../../runs/isolation/run-handle.ts';
import type { ClusterClient } from './cluster-client.ts';
import { ClusterRunHost } from './cluster-run-host.ts';

export function clusterRunHandles(client: ClusterClient): RunHandleFactory {
  return (req) =>
    new ClusterRunHost({
      db: req.db,
      dataDir: req.dataDir,
      client,
      job: req.job,
      checkpoints: req.checkpoints,
      sweepJob: req.sweepJob,
      onProgress: req.onProgress,
    });
}
