/**
 * "Run on the cluster", for the New backtest and Optimise forms: offered only when Settings name
 * a cluster (disabled, with a hint saying where to set it, otherwise), and showing where the
 * work would go so nobody sends a year of ticks to the wrong Redis by surprise.
 */
import type { ClusterChoiceState } from './useClusterSettings.ts';

export function ClusterChoice({
  cluster,
  checked,
  onChange,
  what,
}: {
  cluster: ClusterChoiceState;
  checked: boolean;
  onChange: (on: boolean) => void;
  /** "the run" / "the jobs", for the hint. */
  what: string;
}) {
  const ready = cluster.state === 'ready';
  let hint: string;
  if (cluster.state === 'loading') hint = 'Reading the cluster settings…';
  else if (cluster.state === 'unset')
    hint = cluster.error
      ? `Cluster settings could not be read: ${cluster.error}`
      : 'No cluster set: enter its Redis and store URLs in Settings first';
  else
    hint = `${what} go to ${cluster.settings.redisUrl} (data and checkpoints: ${cluster.settings.storeUrl}); results come back here`;
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          checked={ready && checked}
          disabled={!ready}
          onChange={(e) => onChange(e.target.checked)}
        />
        Run on the cluster
      </label>
      <span className={`hint${ready ? '' : ' warn'}`}>{hint}</span>
    </div>
  );
}
