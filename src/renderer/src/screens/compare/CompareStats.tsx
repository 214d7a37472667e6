/**
 * The comparison's tables: statistics side by side (rows = statistics, columns = runs, the best
 * of each row marked) and params side by side (rows where the runs differ marked).
 */
import type { RunInfo } from '../../../../shared/dto.ts';
import { useParamLabel } from '../../store/strategies.ts';
import { STATS } from '../results/StatsGrid.tsx';
import { tone } from '../run/format.ts';
import { bestColumns } from './best-of-row.ts';

type Stats = Record<string, number | null>;

export interface ComparedRun {
  run: RunInfo;
  stats: Stats | null;
}

function RunHeads({ runs }: { runs: readonly ComparedRun[] }) {
  return (
    <thead>
      <tr>
        <th />
        {runs.map(({ run }, i) => (
          <th key={run.id} className="num">
            <span className={`compare-swatch compare-${i + 1}`} aria-hidden="true" />
            <span className="mono">{run.id}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function CompareStatsTable({ runs }: { runs: readonly ComparedRun[] }) {
  const rows = STATS.filter((s) => runs.some((r) => r.stats && s.key in r.stats));
  if (rows.length === 0) return <p className="muted">None of these runs has statistics yet.</p>;
  return (
    <table className="grid compare" aria-label="Statistics side by side">
      <RunHeads runs={runs} />
      <tbody>
        {rows.map((spec) => {
          const best = bestColumns(
            spec.key,
            runs.map((r) => r.stats),
          );
          return (
            <tr key={spec.key}>
              <th scope="row">{spec.label}</th>
              {runs.map(({ run, stats }, i) => {
                const x = stats?.[spec.key] ?? null;
                const isBest = best.includes(i);
                return (
                  <td
                    key={run.id}
                    className={`num ${spec.signed ? tone(x) : ''}${isBest ? ' best' : ''}`}
                    aria-label={isBest ? `best ${spec.label}` : undefined}
                  >
                    {stats && spec.key in stats ? spec.format(x, stats) : '—'}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CompareParamsTable({ runs }: { runs: readonly ComparedRun[] }) {
  const names = [...new Set(runs.flatMap(({ run }) => Object.keys(run.strategy?.params ?? {})))];
  const strategies = runs.map(({ run }) => run.strategy?.name ?? 'none');
  // Labels from the first run's schema: compared runs are almost always one strategy's variants.
  const label = useParamLabel(runs[0]?.run.strategy?.name);
  return (
    <table className="grid compare" aria-label="Params side by side">
      <RunHeads runs={runs} />
      <tbody>
        <tr className={new Set(strategies).size > 1 ? 'differs' : undefined}>
          <th scope="row">Strategy</th>
          {strategies.map((s, i) => (
            <td key={runs[i]!.run.id} className="num">
              {s}
            </td>
          ))}
        </tr>
        {names.map((name) => {
          const values = runs.map(({ run }) => {
            const v = run.strategy?.params[name];
            return v === undefined ? '—' : String(v);
          });
          return (
            <tr key={name} className={new Set(values).size > 1 ? 'differs' : undefined}>
              <th scope="row">{label(name)}</th>
              {values.map((v, i) => (
                <td key={runs[i]!.run.id} className="num mono">
                  {v}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
