/**
 * The sweeps of this data folder (sweeps:list), newest first: id, strategy, status, jobs, best
 * objective and when it was created; a row opens the sweep's view. SweepInfo names the best job
 * but not its value, so the value is read from the detail of the newest few sweeps only
 * (a detail holds every job: reading them all would cost more than the list is worth). A
 * running sweep's row follows its sweep:progress events.
 */
import { useEffect, useState } from 'react';
import { OBJECTIVE_LABELS, type SweepInfo } from '../../../../shared/sweeps.ts';
import { api, errorText } from '../../api/index.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { fmtLocal } from '../../components/format.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useNav } from '../../store/nav.ts';
import { count, fixed } from '../run/format.ts';

/** How many sweeps' best values are looked up. */
export const BEST_LOOKUPS = 20;

export function SweepsList() {
  const go = useNav((s) => s.go);
  const [sweeps, setSweeps] = useState<SweepInfo[] | null>(null);
  const [best, setBest] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const lookUpBest = async (s: SweepInfo) => {
      try {
        const d = await api.invoke('sweeps:get', { sweepId: s.id });
        const value = d.jobs.find((j) => j.index === s.bestJob)?.objective ?? null;
        if (alive) setBest((b) => ({ ...b, [s.id]: value }));
      } catch {
        // Gone since it was listed, or unreadable: its best stays '—'; the list is still right.
      }
    };
    (async () => {
      const list = [...(await api.invoke('sweeps:list'))].sort(
        (a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id),
      );
      if (!alive) return;
      setSweeps(list);
      // One at a time: a detail holds every job of its sweep.
      for (const s of list.filter((x) => x.bestJob !== null).slice(0, BEST_LOOKUPS))
        await lookUpBest(s);
    })().catch((err: unknown) => alive && setError(errorText(err)));
    // A running sweep's row follows its progress (status and counts; the best is read on open).
    const off = api.on('sweep:progress', (ev) =>
      setSweeps(
        (list) =>
          list?.map((s) =>
            s.id === ev.sweepId
              ? {
                  ...s,
                  status: ev.status,
                  jobsTotal: ev.jobsTotal,
                  jobsDone: ev.jobsDone,
                  jobsFailed: ev.jobsFailed,
                }
              : s,
          ) ?? null,
      ),
    );
    return () => {
      alive = false;
      off();
    };
  }, []);

  return (
    <section className="panel" aria-label="Sweeps">
      <h2>Sweeps</h2>
      <ErrorPanel message={error} title="Could not list the sweeps" />
      {sweeps === null ? (
        !error && <p>Loading…</p>
      ) : sweeps.length === 0 ? (
        <EmptyState title="No sweeps yet">
          <p className="muted">Set one up above; it shows up here to reopen later.</p>
        </EmptyState>
      ) : (
        <table className="grid bt-table" aria-label="Sweeps">
          <thead>
            <tr>
              <th>Sweep</th>
              <th>Strategy</th>
              <th>Status</th>
              <th className="num">Jobs</th>
              <th className="num">Best</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((s) => (
              <tr
                key={s.id}
                className="bt-clickable"
                onClick={() => go('optimise', { sweepId: s.id })}
              >
                <td className="mono nowrap">
                  <button
                    type="button"
                    className="bt-link"
                    onClick={() => go('optimise', { sweepId: s.id })}
                  >
                    {s.id}
                  </button>
                </td>
                <td>{s.spec.base.strategy}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="num">
                  {count(s.jobsDone)} / {count(s.jobsTotal)}
                  {s.jobsFailed > 0 && (
                    <span className="warn"> ({count(s.jobsFailed)} failed)</span>
                  )}
                </td>
                <td className="num" title={OBJECTIVE_LABELS[s.spec.objective]}>
                  {s.bestJob === null ? '—' : fixed(best[s.id] ?? null, 2)}
                </td>
                <td className="num left">{fmtLocal(s.createdAt, false)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
