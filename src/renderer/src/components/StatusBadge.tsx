import type { RunStatus } from '../../../shared/dto.ts';
import { useDisconnected } from '../store/connection.ts';
import './connection.css';

/** A status that only holds while the backend reports it: stale once the backend is gone. */
const LIVE: readonly RunStatus[] = ['running'];

/**
 * A run's status in its color (styles.css: .badge.status-*). While the backend is unreachable a
 * live status is shown as "unknown": the run may have died with it.
 */
export function StatusBadge({ status }: { status: RunStatus }) {
  const disconnected = useDisconnected();
  const shown = disconnected && LIVE.includes(status) ? 'unknown' : status;
  return (
    <span
      className={`badge status-${shown}`}
      title={shown === 'unknown' ? `last known: ${status}` : undefined}
    >
      {shown}
    </span>
  );
}
