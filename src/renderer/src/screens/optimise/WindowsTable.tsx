/**
 * A walk-forward sweep's windows: each in-sample and out-of-sample range, the params the
 * in-sample search chose, and how they did out of sample; then the statistics of the stitched
 * out-of-sample equity (every window's OOS run, one after the other).
 */
import type { SweepDetail, SweepJobInfo } from '../../../../shared/sweeps.ts';
import { useNav } from '../../store/nav.ts';
import { useParamLabel } from '../../store/strategies.ts';
import { StatsGrid } from '../results/StatsGrid.tsx';
import { count, money, percent, tone, utcDate, utcMinute } from '../run/format.ts';

/** A day boundary as its date; a window clipped to the data's last tick with its time too. */
const at = (t: number) => (t % 86_400_000 === 0 ? utcDate(t) : utcMinute(t));
const range = (r: { from: number; to: number }) => `${at(r.from)} → ${at(r.to)}`;

function paramsText(job: SweepJobInfo | undefined, label: (name: string) => string): string {
  if (!job) return '—';
  return Object.entries(job.params)
    .map(([k, v]) => `${label(k)} ${String(v)}`)
    .join(' · ');
}

export function WindowsTable({ detail }: { detail: SweepDetail }) {
  const go = useNav((s) => s.go);
  const label = useParamLabel(detail.spec.base.strategy);
  const jobAt = (i: number | null) => detail.jobs.find((j) => i !== null && j.index === i);
  return (
    <section className="panel" aria-label="Walk-forward windows">
      <h2>Walk-forward windows</h2>
      <div className="bt-scroll">
        <table className="grid bt-table">
          <thead>
            <tr>
              <th className="num">Window</th>
              <th>In-sample</th>
              <th>Out-of-sample</th>
              <th>Best in-sample params</th>
              <th>OOS status</th>
              <th className="num">OOS net profit</th>
              <th className="num">OOS max DD %</th>
              <th className="num">OOS trades</th>
            </tr>
          </thead>
          <tbody>
            {detail.windows.map((w) => {
              const oos = jobAt(w.oosJob);
              const net = oos?.stats?.netProfit ?? null;
              const runId = oos?.runId ?? null;
              return (
                <tr
                  key={w.window}
                  className={runId ? 'bt-clickable' : undefined}
                  title={oos?.error ?? undefined}
                  onClick={() => runId && go('results', { runId })}
                >
                  <td className="num">{w.window}</td>
                  <td className="num left">{range(w.inSample)}</td>
                  <td className="num left">{range(w.outOfSample)}</td>
                  <td className="mono">{paramsText(jobAt(w.bestJob), label)}</td>
                  <td>
                    {oos && <span className={`badge status-${oos.status}`}>{oos.status}</span>}
                    {oos?.error && <span className="row-error"> {oos.error}</span>}
                  </td>
                  <td className={`num ${tone(net)}`}>{money(net)}</td>
                  <td className="num">{percent(oos?.stats?.maxDrawdownPct ?? null, 2)}</td>
                  <td className="num">{count(oos?.stats?.trades ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>Stitched out-of-sample statistics</h3>
      {detail.oosStats ? (
        <StatsGrid stats={detail.oosStats} />
      ) : (
        <p className="muted">Once every window has run out of sample.</p>
      )}
    </section>
  );
}
