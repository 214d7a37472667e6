/**
 * Run history: status, progress, results (net profit, profit factor, max drawdown %, params) and
 * the actions on each run. Kept live by run events. A sweep's job runs name their sweep; 2-4
 * runs ticked open side by side on the Compare screen.
 */
import { useEffect, useState } from 'react';
import type { RunInfo } from '../../../shared/dto.ts';
import { errorText } from '../api/index.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { fmtLocal } from '../components/format.ts';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useNav } from '../store/nav.ts';
import { connectRuns, runProgressPct, useRuns } from '../store/runs.ts';
import { notify } from '../store/ui.ts';
import { ClusterMark } from './runs/ClusterMark.tsx';
import { LIST_STATS, ParamsCell, statLabel, StatCell, SweepLink } from './runs/run-cells.tsx';

/** How many runs the Compare screen puts side by side. */
const COMPARE_MIN = 2;
const COMPARE_MAX = 4;

export function RunsScreen() {
  const runs = useRuns((s) => s.runs);
  const loaded = useRuns((s) => s.loaded);
  const loadError = useRuns((s) => s.error);
  const currentRunId = useNav((s) => s.currentRunId);
  const go = useNav((s) => s.go);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  // A discarded run leaves the selection with it.
  const selected = ticked.filter((id) => runs.some((r) => r.id === id));
  const toggle = (runId: string) =>
    setTicked((t) => (t.includes(runId) ? t.filter((id) => id !== runId) : [...t, runId]));
  const canCompare = selected.length >= COMPARE_MIN && selected.length <= COMPARE_MAX;

  useEffect(() => {
    void useRuns.getState().load();
    return connectRuns();
  }, []);

  const act = async (runId: string, what: () => Promise<void>) => {
    setBusy(runId);
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(`${runId}: ${errorText(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const resume = (run: RunInfo) =>
    act(run.id, async () => {
      const runId = await useRuns.getState().resume(run.id);
      go('run', { runId });
    });
  const pause = (run: RunInfo) => act(run.id, () => useRuns.getState().pause(run.id));
  const discard = (run: RunInfo) =>
    act(run.id, async () => {
      await useRuns.getState().discard(run.id);
      useNav.getState().forgetRun(run.id);
      setConfirming(null);
      notify(`Discarded ${run.id}`);
    });

  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Runs</h1>
        <button
          type="button"
          disabled={!canCompare}
          title={`Tick ${COMPARE_MIN} to ${COMPARE_MAX} runs to compare them`}
          onClick={() => go('compare', { runIds: selected })}
        >
          Compare{selected.length > 0 ? ` (${selected.length})` : ''}
        </button>
        <button type="button" className="primary" onClick={() => go('new')}>
          Set up a backtest
        </button>
      </header>
      <ErrorPanel message={loadError} title="Could not list the runs" />
      <ErrorPanel message={error} onDismiss={() => setError(null)} />
      <section className="panel">
        {!loaded ? (
          <p>Loading…</p>
        ) : runs.length === 0 ? (
          <EmptyState title="No backtests yet">
            <p className="muted">
              Start one from New backtest; it shows up here with its progress, and stays here to
              reopen, resume or compare later.
            </p>
          </EmptyState>
        ) : (
          <table className="grid runs" aria-label="Runs">
            <thead>
              <tr>
                <th aria-label="Select" />
                <th>Run</th>
                <th>Status</th>
                <th>Symbols</th>
                <th>Strategy</th>
                {LIST_STATS.map((k) => (
                  <th key={k} className="num">
                    {statLabel(k)}
                  </th>
                ))}
                <th>Params</th>
                <th className="num">Progress</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const pct = runProgressPct(run);
                const rowBusy = busy === run.id;
                const isTicked = selected.includes(run.id);
                return (
                  <tr key={run.id} className={run.id === currentRunId ? 'current' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${run.id} to compare`}
                        checked={isTicked}
                        disabled={!isTicked && selected.length >= COMPARE_MAX}
                        onChange={() => toggle(run.id)}
                      />
                    </td>
                    <td className="mono nowrap">
                      {run.id}
                      {run.sweepId && (
                        <div className="small">
                          <span className="muted">sweep </span>
                          <SweepLink sweepId={run.sweepId} />
                        </div>
                      )}
                      {run.cluster && (
                        <div>
                          <ClusterMark cluster={run.cluster} />
                        </div>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={run.status} />
                      {run.error && (
                        <span className="row-error" title={run.error}>
                          {' '}
                          {run.error}
                        </span>
                      )}
                    </td>
                    <td className="mono">{run.symbols.join(', ')}</td>
                    <td className="nowrap">
                      {run.strategy?.name ?? <span className="muted">none</span>}
                    </td>
                    {LIST_STATS.map((k) => (
                      <StatCell key={k} run={run} stat={k} />
                    ))}
                    <ParamsCell run={run} />
                    <td className="num progress-cell">
                      <ProgressBar pct={pct} label={`Progress of ${run.id}`} />
                    </td>
                    <td className="num left">{fmtLocal(run.createdAt, false)}</td>
                    <td>
                      <div className="row-actions">
                        {confirming === run.id ? (
                          <>
                            <span className="warn small">Delete run and checkpoints?</span>
                            <button
                              type="button"
                              className="danger"
                              disabled={rowBusy}
                              onClick={() => void discard(run)}
                            >
                              Yes, discard
                            </button>
                            <button type="button" onClick={() => setConfirming(null)}>
                              Cancel
                            </button>
                          </>
                        ) : (
                          <>
                            <button type="button" onClick={() => go('run', { runId: run.id })}>
                              Run
                            </button>
                            <button
                              type="button"
                              onClick={() => go('checkpoints', { runId: run.id })}
                            >
                              Checkpoints
                            </button>
                            <button type="button" onClick={() => go('results', { runId: run.id })}>
                              Results
                            </button>
                            {run.status === 'running' && (
                              <button
                                type="button"
                                disabled={rowBusy}
                                onClick={() => void pause(run)}
                              >
                                Pause
                              </button>
                            )}
                            {(run.status === 'paused' || run.status === 'interrupted') && (
                              <button
                                type="button"
                                className="primary"
                                disabled={rowBusy}
                                onClick={() => void resume(run)}
                              >
                                Resume
                              </button>
                            )}
                            {run.status !== 'running' && (
                              <button
                                type="button"
                                className="danger subtle"
                                disabled={rowBusy}
                                onClick={() => setConfirming(run.id)}
                              >
                                Discard
                              </button>
                            )}
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
