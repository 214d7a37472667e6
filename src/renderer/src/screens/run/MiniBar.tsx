import { fixed } from './format.ts';

/** A thin progress bar with its percentage. */
export function MiniBar({ pct, label }: { pct: number; label: string }) {
  return (
    <span className="bt-minibar">
      <span
        className="bt-minibar-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
      >
        <span className="bt-minibar-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="num">{fixed(pct, 0)}%</span>
    </span>
  );
}
