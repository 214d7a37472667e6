import { fmtPct } from './format.ts';

/** A thin bar with its percentage; `pct` null draws an indeterminate bar. */
export function ProgressBar({
  pct,
  label,
  showText = true,
}: {
  pct: number | null;
  label: string;
  showText?: boolean;
}) {
  const value = pct === null ? null : Math.max(0, Math.min(100, pct));
  return (
    <div className="progress-wrap">
      <div
        className={`progress${value === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value === null ? undefined : Math.round(value * 10) / 10}
      >
        <div className="progress-fill" style={{ width: `${value ?? 100}%` }} />
      </div>
      {showText && (
        <span className="num progress-text">{value === null ? '…' : fmtPct(value)}</span>
      )}
    </div>
  );
}
