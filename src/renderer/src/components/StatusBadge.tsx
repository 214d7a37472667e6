import type { RunStatus } from '../../../shared/dto.ts';

/** A run's status in its color (styles.css: .badge.status-*). */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
