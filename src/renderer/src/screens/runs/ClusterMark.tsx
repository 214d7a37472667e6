/**
 * A cluster run's mark, for the Runs list and the Run screen: that it ran on the cluster and,
 * once a worker has finished it, which worker (host:pid) and where it resumed — the store
 * checkpoint another attempt left (after a crash or a pause), or tick 0.
 */
import type { RunClusterInfo } from '../../../../shared/dto.ts';
import { fmtInt } from '../../components/format.ts';

export function clusterText(c: RunClusterInfo): string {
  if (!c.worker) return `on the cluster (${c.redis})`;
  const from = c.resumedFrom
    ? `resumed from ${c.resumedFrom.attempt} #${c.resumedFrom.seq} at tick ${fmtInt(c.resumedFrom.ticks)}`
    : 'from tick 0';
  return `on the cluster: worker ${c.worker}, ${from}`;
}

export function ClusterMark({ cluster }: { cluster: RunClusterInfo }) {
  const title = `Sent to ${cluster.redis}, store ${cluster.store}${cluster.attempt ? `; attempt ${cluster.attempt}` : ''}`;
  return (
    <span className="muted small cluster-mark" title={title}>
      {clusterText(cluster)}
    </span>
  );
}
