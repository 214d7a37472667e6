/**
 * The Runs list's result columns: a few statistics of a finished run (formatted as the Results
 * screen formats them), its params in short, and the sweep a job run belongs to.
 */
import type { RunInfo } from '../../../../shared/dto.ts';
import { useNav } from '../../store/nav.ts';
import { STATS } from '../results/StatsGrid.tsx';
import { tone } from '../run/format.ts';

/** The statistics the list shows, in column order (keys of STATS). */
export const LIST_STATS = ['netProfit', 'profitFactor', 'maxDrawdownPct'] as const;

export function statLabel(key: string): string {
  return STATS.find((s) => s.key === key)?.label ?? key;
}

export function StatCell({ run, stat }: { run: RunInfo; stat: string }) {
  const spec = STATS.find((s) => s.key === stat);
  if (!run.stats || !spec || !(stat in run.stats))
    return <td className="num muted">{run.stats ? '—' : ''}</td>;
  const x = run.stats[stat] ?? null;
  return <td className={`num ${spec.signed ? tone(x) : ''}`}>{spec.format(x, run.stats)}</td>;
}

/** `fast=10 slow=30` — every param, in the order the run stored them. */
export function paramsText(params: Record<string, number | boolean | string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/** Past this many characters the cell is cut; the title holds the whole text. */
const SHORT_PARAMS = 40;

export function ParamsCell({ run }: { run: RunInfo }) {
  const full = run.strategy ? paramsText(run.strategy.params) : '';
  const short = full.length > SHORT_PARAMS ? `${full.slice(0, SHORT_PARAMS - 1)}…` : full;
  return (
    <td className="mono small nowrap" title={full || undefined}>
      {short}
    </td>
  );
}

/** A sweep job's mark: its sweep id, opening the sweep on the Optimise screen. */
export function SweepLink({ sweepId }: { sweepId: string }) {
  const go = useNav((s) => s.go);
  return (
    <button
      type="button"
      className="link small"
      title={`A job of sweep ${sweepId}: open it`}
      onClick={() => go('optimise', { sweepId })}
    >
      {sweepId}
    </button>
  );
}
