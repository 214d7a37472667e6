/**
 * One sweep: status, jobs done / total / failed / running, jobs/s and ETA (live from
 * sweep:progress), Pause / Resume / Export; for walk-forward the windows and the stitched
 * out-of-sample statistics; then the heatmap and the results table.
 */
import { useState } from 'react';
import { OBJECTIVE_LABELS, type SweepDetail } from '../../../../shared/sweeps.ts';
import { api, errorText, exportFor, type ExportOutcome } from '../../api/index.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { ExportNotice } from '../../components/ExportNotice.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useNav } from '../../store/nav.ts';
import { notify } from '../../store/ui.ts';
import { DASH, count, duration, fixed } from '../run/format.ts';
import { HeatmapPanel } from './HeatmapPanel.tsx';
import { JobsTable } from './JobsTable.tsx';
import { useParamLabel } from '../../store/strategies.ts';
import { paramText } from './job-columns.ts';
import { useSweep, type SweepLive } from './useSweep.ts';
import { WindowsTable } from './WindowsTable.tsx';

/** The jobs shown as best: the sweep's, or each walk-forward window's in-sample choice. */
export function bestJobs(d: SweepDetail): Set<number> {
  const best = new Set<number>();
  if (d.bestJob !== null) best.add(d.bestJob);
  for (const w of d.windows) if (w.bestJob !== null) best.add(w.bestJob);
  return best;
}

export function SweepView({ sweepId }: { sweepId: string }) {
  const go = useNav((s) => s.go);
  const { detail, live, error, reload } = useSweep(sweepId);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportOutcome | null>(null);

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await what();
      reload();
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const pause = () => act(() => api.invoke('sweeps:pause', { sweepId }));
  const resume = () =>
    act(async () => {
      await api.invoke('sweeps:resume', { sweepId });
      notify(`Resumed sweep ${sweepId}`, 'success');
    });
  const exportSweep = () => act(async () => setExported(await exportFor('sweep', sweepId)));

  const status = live?.status ?? detail?.status;
  const best = detail ? bestJobs(detail) : new Set<number>();
  const bestJob = detail?.jobs.find((j) => j.index === detail.bestJob);
  const label = useParamLabel(detail?.spec.base.strategy);
  return (
    <div className="screen bt-screen">
      <header className="screen-head bt-head">
        <h1>
          Sweep <code>{sweepId}</code>
        </h1>
        {status && <StatusBadge status={status} />}
        {detail && (
          <span className="bt-summary muted">
            <span>{detail.spec.base.strategy}</span>
            <span className="mono">{detail.spec.base.symbols.join(', ')}</span>
            <span>{OBJECTIVE_LABELS[detail.spec.objective]}</span>
          </span>
        )}
        <span className="bt-links">
          <button type="button" className="bt-link" onClick={() => go('optimise')}>
            All sweeps
          </button>
        </span>
      </header>
      <ErrorPanel message={error} title="Could not read the sweep" />
      {live && <Figures live={live} />}
      <div className="actions">
        {status === 'running' && (
          <button type="button" disabled={busy} onClick={() => void pause()}>
            Pause
          </button>
        )}
        {(status === 'paused' || status === 'interrupted') && (
          <button type="button" className="primary" disabled={busy} onClick={() => void resume()}>
            Resume
          </button>
        )}
        <button type="button" disabled={busy || !detail} onClick={() => void exportSweep()}>
          Export
        </button>
        {exported && (
          <span className="muted" role="status">
            <ExportNotice outcome={exported} />
          </span>
        )}
      </div>
      <ErrorPanel message={actionError} onDismiss={() => setActionError(null)} />
      {bestJob && (
        <p>
          Best: job {bestJob.index} (
          {Object.entries(bestJob.params)
            .map(([k, v]) => `${label(k)} ${paramText(v)}`)
            .join(' · ')}
          ) · {OBJECTIVE_LABELS[detail!.spec.objective]} {fixed(bestJob.objective, 2)}
        </p>
      )}
      {detail && detail.windows.length > 0 && <WindowsTable detail={detail} />}
      {detail && <HeatmapPanel detail={detail} />}
      {detail && (
        <section className="panel" aria-label="Results">
          <h2>Results</h2>
          <JobsTable detail={detail} best={best} />
        </section>
      )}
    </div>
  );
}

function Figures({ live }: { live: SweepLive }) {
  const running = live.status === 'running';
  const pct = live.jobsTotal > 0 ? (100 * live.jobsDone) / live.jobsTotal : 0;
  return (
    <div className="bt-progress">
      <div
        className="bt-progress-track"
        role="progressbar"
        aria-label="Sweep progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct * 10) / 10}
      >
        <div className={`bt-progress-fill bt-${live.status}`} style={{ width: `${pct}%` }} />
      </div>
      <dl className="bt-figures" role="group" aria-label="Progress">
        <Figure label="Jobs done" value={`${count(live.jobsDone)} / ${count(live.jobsTotal)}`} />
        <Figure label="Failed" value={count(live.jobsFailed)} />
        <Figure label="Running" value={count(live.jobsRunning)} />
        <Figure label="Jobs/s" value={running ? fixed(live.jobsPerSec, 2) : DASH} />
        <Figure label="ETA" value={running ? duration(live.etaSeconds) : DASH} />
      </dl>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="bt-figure">
      <dt>{label}</dt>
      <dd className="num">{value}</dd>
    </div>
  );
}
