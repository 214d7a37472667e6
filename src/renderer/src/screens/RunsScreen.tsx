/** Run history: status, progress and the actions on each run. Kept live by run events. */
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

export function RunsScreen() {
  const runs = useRuns((s) => s.runs);
  const loaded = useRuns((s) => s.loaded);
  const loadError = useRuns((s) => s.error);
  const currentRunId = useNav((s) => s.currentRunId);
  const go = useNav((s) => s.go);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

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
                <th>Run</th>
                <th>Status</th>
                <th>Symbols</th>
                <th>Strategy</th>
                <th className="num">Progress</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const pct = runProgressPct(run);
                const rowBusy = busy === run.id;
                return (
                  <tr key={run.id} className={run.id === currentRunId ? 'current' : undefined}>
                    <td className="mono nowrap">{run.id}</td>
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
