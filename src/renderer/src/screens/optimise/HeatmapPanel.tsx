/**
 * The objective over any two swept params (X and Y selects, the first two by default): a grid of
 * cells coloured from worst to best with the value written in, a legend, and click-through to
 * the job's run Results. Cells are buttons, so they take focus and read their aria-label. For a
 * walk-forward sweep it maps one window's in-sample jobs at a time.
 */
import { useMemo, useState } from 'react';
import { OBJECTIVE_LABELS, type SweepDetail } from '../../../../shared/sweeps.ts';
import { useNav } from '../../store/nav.ts';
import { useParamLabel } from '../../store/strategies.ts';
import { fixed } from '../run/format.ts';
import { maximises } from '../../../../shared/sweep-objective.ts';
import { buildHeatmap, heatColor } from './heatmap.ts';

const NONE = '';

export function HeatmapPanel({ detail }: { detail: SweepDetail }) {
  const go = useNav((s) => s.go);
  const names = detail.spec.params.map((p) => p.name);
  const paramName = useParamLabel(detail.spec.base.strategy);
  const [xName, setX] = useState(names[0] ?? NONE);
  const [yName, setY] = useState(names[1] ?? NONE);
  const [win, setWin] = useState(0);
  const wf = detail.windows.length > 0;
  const objective = detail.spec.objective;
  const label = OBJECTIVE_LABELS[objective];

  const jobs = useMemo(
    () => detail.jobs.filter((j) => j.phase !== 'oos' && (!wf || j.window === win)),
    [detail.jobs, wf, win],
  );
  const map = useMemo(
    () => buildHeatmap(jobs, xName, yName === NONE || yName === xName ? null : yName, objective),
    [jobs, xName, yName, objective],
  );
  if (names.length === 0) return null;
  const others = names.filter((n) => n !== xName && n !== yName);

  return (
    <section className="panel" aria-label="Heatmap">
      <h2>Heatmap</h2>
      <div className="actions">
        <label className="check">
          X
          <select aria-label="X param" value={xName} onChange={(e) => setX(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {paramName(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          Y
          <select aria-label="Y param" value={yName} onChange={(e) => setY(e.target.value)}>
            <option value={NONE}>(none)</option>
            {names.map((n) => (
              <option key={n} value={n} disabled={n === xName}>
                {paramName(n)}
              </option>
            ))}
          </select>
        </label>
        {wf && (
          <label className="check">
            Window
            <select
              aria-label="Window"
              value={win}
              onChange={(e) => setWin(Number(e.target.value))}
            >
              {detail.windows.map((w) => (
                <option key={w.window} value={w.window}>
                  {w.window} (in-sample)
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted small opt-caption">
        Colour = {label} ({maximises(objective) ? 'higher' : 'lower'} is better).
        {map.aggregated &&
          ` Each cell shows the best ${label.toLowerCase()} over ${
            others.length > 0 ? `the other swept params (${others.join(', ')})` : 'its jobs'
          }.`}
      </p>
      <div className="bt-scroll">
        <table
          className="opt-heatmap"
          aria-label={`${label} by ${xName}${yName && yName !== xName ? ` and ${yName}` : ''}`}
        >
          <thead>
            <tr>
              <th className="muted small">
                {yName && yName !== xName
                  ? `${paramName(yName)} \\ ${paramName(xName)}`
                  : paramName(xName)}
              </th>
              {map.xs.map((x) => (
                <th key={String(x)} scope="col" className="num">
                  {String(x)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {map.rows.map((row, yi) => (
              <tr key={String(map.ys[yi])}>
                <th scope="row" className="num">
                  {map.ys[yi] === null ? '' : String(map.ys[yi])}
                </th>
                {row.map((cell) => {
                  const where = `${xName} ${String(cell.x)}${cell.y === null ? '' : `, ${yName} ${String(cell.y)}`}`;
                  const runId = cell.job?.runId ?? null;
                  return (
                    <td key={String(cell.x)}>
                      <button
                        type="button"
                        className="opt-cell num"
                        style={{ background: heatColor(cell.t) }}
                        disabled={!runId}
                        aria-label={
                          cell.job
                            ? `${where}: ${label} ${fixed(cell.value, 2)} (job ${cell.job.index})`
                            : `${where}: no result`
                        }
                        onClick={() => runId && go('results', { runId })}
                      >
                        {fixed(cell.value, 2)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="opt-legend" aria-label="Legend">
        <span className="num">{fixed(map.worst, 2)}</span>
        <span className="opt-legend-bar" aria-hidden="true" />
        <span className="num">{fixed(map.best, 2)}</span>
        <span className="muted small">worst → best</span>
      </div>
    </section>
  );
}
