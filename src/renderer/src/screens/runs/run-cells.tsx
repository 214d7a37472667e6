/**
 * The Runs list's result columns: a few statistics of a finished run (formatted as the Results
 * screen formats them), its params in short, and the sweep a job run belongs to.
 */
import type { RunInfo } from '../../../../shared/dto.ts';
import { StrategyParams } from '../../components/StrategyParams.tsx';
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

/** Past this many characters the cell is cut; the title holds the whole text. */
const SHORT_PARAMS = 48;

/** Every param with its label, in the order the run stored them (StrategyParams). */
export function ParamsCell({ run }: { run: RunInfo }) {
  return (
    <td className="small nowrap">
      <StrategyParams strategy={run.strategy} maxChars={SHORT_PARAMS} className="" />
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
