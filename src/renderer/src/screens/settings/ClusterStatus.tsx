/**
 * The cluster's state in a line: this backend's connection (made at the first cluster run) and
 * the outcome of the last Test connection, each in words a user can act on.
 */
import type { ClusterSettings, ClusterTestResult } from '../../../../shared/dto.ts';

const STATUS_TEXT: Record<ClusterSettings['status'], string> = {
  unset: 'Not set: runs go to this machine only',
  idle: 'Set; connects at the first cluster run',
  connected: 'Connected',
  error: 'Could not connect',
};

export function ClusterStatus({ settings }: { settings: ClusterSettings }) {
  return (
    <p className="small" aria-label="Cluster status">
      <strong>{STATUS_TEXT[settings.status]}</strong>
      {settings.error && <span className="field-error"> — {settings.error}</span>}
    </p>
  );
}

export function TestOutcome({ result }: { result: ClusterTestResult | null }) {
  if (!result) return null;
  const where = `${result.redis} and ${result.store}`;
  return result.reachable ? (
    <p className="small" role="status">
      <strong>Reachable:</strong> {where} answered in {Math.round(result.ms)} ms
    </p>
  ) : (
    <p className="field-error small" role="status">
      <strong>Not reachable:</strong> {where}: {result.error}
    </p>
  );
}
