/**
 * A sweep's jobs, one row each, sortable by any column (click a header; again to reverse; the
 * sort shows on the header as ▲/▼ and aria-sort). The best job is highlighted, a failed job
 * carries its error as a tooltip. Clicking a row opens the job's run Results; 2-4 ticked rows
 * open side by side in Compare.
 */
import { useMemo, useState } from 'react';
import type { SweepDetail, SweepJobInfo } from '../../../../shared/sweeps.ts';
import { useNav } from '../../store/nav.ts';
import { tone } from '../run/format.ts';
import { useParamLabel } from '../../store/strategies.ts';
import { jobColumns, sortJobs, type SortDir } from './job-columns.ts';
import { SortHeader } from '../../components/SortHeader.tsx';

export const MAX_COMPARE = 4;
/** Rows drawn at first and per "Show more": a sweep may hold thousands of jobs. */
const PAGE = 500;

export function JobsTable({ detail, best }: { detail: SweepDetail; best: ReadonlySet<number> }) {
  const go = useNav((s) => s.go);
  const label = useParamLabel(detail.spec.base.strategy);
  const columns = useMemo(() => jobColumns(detail.spec, label), [detail.spec, label]);
  const [sort, setSort] = useState<{ key: string; dir: SortDir }>({ key: 'index', dir: 'asc' });
  const [picked, setPicked] = useState<string[]>([]);
  const [limit, setLimit] = useState(PAGE);
  const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const rows = useMemo(
    () => sortJobs(detail.jobs, column, sort.dir),
    [detail.jobs, column, sort.dir],
  );

  const clickHeader = (key: string) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
    );
  const pick = (runId: string, on: boolean) =>
    setPicked((p) => (on ? [...p, runId] : p.filter((r) => r !== runId)));
  const open = (job: SweepJobInfo) => job.runId && go('results', { runId: job.runId });

  return (
    <>
      <div className="actions">
        <span className="muted" aria-live="polite">
          {detail.jobs.length} jobs · sorted by {column.label}{' '}
          {sort.dir === 'asc' ? 'ascending' : 'descending'}
        </span>
        <button
          type="button"
          disabled={picked.length < 2 || picked.length > MAX_COMPARE}
          onClick={() => go('compare', { runIds: picked })}
        >
          Compare {picked.length > 0 ? `(${picked.length})` : ''}
        </button>
        <span className="hint">Tick 2 to {MAX_COMPARE} jobs to compare their runs</span>
      </div>
      <div className="bt-scroll">
        <table className="grid bt-table opt-jobs" aria-label="Jobs">
          <thead>
            <tr>
              <th aria-label="Select" />
              {columns.map((c) => (
                <SortHeader
                  key={c.key}
                  label={c.label}
                  numeric={c.numeric}
                  dir={sort.key === c.key ? sort.dir : null}
                  onSort={() => clickHeader(c.key)}
                />
              ))}
              <th aria-label="Links" />
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((job) => {
              const runId = job.runId;
              const checked = runId !== null && picked.includes(runId);
              return (
                <tr
                  key={job.index}
                  className={
                    [runId ? 'bt-clickable' : '', best.has(job.index) ? 'opt-best' : '']
                      .join(' ')
                      .trim() || undefined
                  }
                  title={job.error ?? undefined}
                  aria-label={`Job ${job.index}${best.has(job.index) ? ' (best)' : ''}`}
                  onClick={() => open(job)}
                >
                  <td onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={`Select job ${job.index}`}
                      disabled={!runId || (!checked && picked.length >= MAX_COMPARE)}
                      checked={checked}
                      onChange={(e) => runId && pick(runId, e.target.checked)}
                    />
                  </td>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      className={
                        [c.numeric ? 'num' : '', c.signed ? tone(Number(c.value(job))) : '']
                          .join(' ')
                          .trim() || undefined
                      }
                    >
                      {c.key === 'status' ? (
                        <span className={`badge status-${job.status}`}>{job.status}</span>
                      ) : (
                        c.render(job)
                      )}
                      {c.key === 'status' && job.error && (
                        <span className="row-error" title={job.error}>
                          {' '}
                          {job.error}
                        </span>
                      )}
                    </td>
                  ))}
                  <td onClick={(e) => e.stopPropagation()}>
                    {runId && (
                      <span className="bt-links">
                        <button
                          type="button"
                          className="bt-link"
                          onClick={() => go('results', { runId })}
                        >
                          Results
                        </button>
                        <button
                          type="button"
                          className="bt-link"
                          onClick={() => go('checkpoints', { runId })}
                        >
                          Checkpoints
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Show {Math.min(PAGE, rows.length - limit)} more of {rows.length - limit}
        </button>
      )}
    </>
  );
}
