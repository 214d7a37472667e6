import type { RunStatus } from '../../../../shared/dto.ts';

const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`bt-badge bt-${status}`}>{STATUS_LABEL[status] ?? status}</span>;
}
