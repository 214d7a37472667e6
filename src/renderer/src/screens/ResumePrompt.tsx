/**
 * On start: runs that were interrupted (the app or machine stopped mid-run). They continue from
 * their last valid checkpoint; one without any (stopped in its first minute) starts again from
 * its first tick under the same id. One at a time; Later closes the prompt for this session
 * (the runs stay in Runs, where Resume is also offered). Runs that are jobs of a sweep are left
 * to the sweep's prompt (SweepResumePrompt), which the shell shows first.
 */
import { useEffect, useState } from 'react';
import type { RecoverableRun } from '../../../shared/dto.ts';
import { api, errorText } from '../api/index.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { fmtInt, fmtLocal, fmtPct, fmtUtc } from '../components/format.ts';
import { Modal } from '../components/Modal.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { useNav } from '../store/nav.ts';
import { runProgressPct, useRuns } from '../store/runs.ts';
import { notify } from '../store/ui.ts';

export function ResumePrompt({
  skipRunIds,
}: {
  /** Runs not to offer: the jobs of sweeps (their sweep's prompt resumes them). */
  skipRunIds?: ReadonlySet<string>;
} = {}) {
  const [queue, setQueue] = useState<RecoverableRun[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .invoke('runs:recoverable')
      .then((list) => {
        // A sweep's job runs are finished by resuming the sweep (SweepResumePrompt), not one by one.
        const own = (r: RecoverableRun) => !r.run.sweepId && !skipRunIds?.has(r.run.id);
        if (!cancelled) setQueue(list.filter((r) => r.run.status === 'interrupted' && own(r)));
      })
      .catch((err: unknown) => {
        if (!cancelled) notify(`Could not look for interrupted runs: ${errorText(err)}`, 'error');
      });
    return () => {
      cancelled = true;
    };
  }, [skipRunIds]);

  const item = queue[0];
  if (!item) return null;
  const { run, lastCheckpoint: ckpt } = item;

  const next = () => {
    setQueue((q) => q.slice(1));
    setConfirming(false);
    setError(null);
  };

  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      const runId = await useRuns.getState().resume(run.id);
      setQueue([]);
      useNav.getState().go('run', { runId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await useRuns.getState().discard(run.id);
      useNav.getState().forgetRun(run.id);
      notify(`Discarded ${run.id}`);
      next();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  // The stored progress is written on a heartbeat, so a later checkpoint can be further along.
  const ticksDone = Math.max(run.ticksDone, ckpt?.ticks ?? 0);
  const pct = runProgressPct({ ticksDone, ticksTotal: run.ticksTotal });
  const strategy = run.strategy?.name ?? 'no strategy';

  return (
    <Modal title="Resume interrupted backtest?" onClose={() => setQueue([])} className="resume">
      <p className="muted">
        This backtest stopped before it finished
        {queue.length > 1 ? ` (1 of ${queue.length} interrupted runs)` : ''}.{' '}
        {run.cluster
          ? 'It was sent to the cluster: Resume follows its job again, or queues it to continue from the newest checkpoint in the store.'
          : ckpt
            ? 'It can continue from its last valid checkpoint.'
            : 'It has no valid checkpoint: Resume starts it again from its first tick.'}
      </p>
      <dl className="facts">
        <dt>Run</dt>
        <dd className="mono">{run.id}</dd>
        <dt>Symbols</dt>
        <dd>{run.symbols.join(', ')}</dd>
        <dt>Strategy</dt>
        <dd>{strategy}</dd>
        <dt>Progress</dt>
        <dd>
          <span className="num">
            {fmtInt(ticksDone)} / {fmtInt(run.ticksTotal)} ticks ({fmtPct(pct)})
          </span>
          <ProgressBar pct={pct} label={`Progress of ${run.id}`} showText={false} />
        </dd>
        <dt>Last checkpoint</dt>
        <dd>
          {run.cluster ? (
            <span>in the store, {run.cluster.store}</span>
          ) : ckpt ? (
            <span className="num">
              #{ckpt.seq} written {fmtLocal(ckpt.wallTime)} · at tick {fmtInt(ckpt.ticks)} (
              {fmtPct(ckpt.progressPct)})
              {ckpt.simTime !== null && ` · market time ${fmtUtc(ckpt.simTime)} UTC`}
            </span>
          ) : (
            <span className="warn">none valid: resuming starts again from the first tick</span>
          )}
        </dd>
      </dl>
      <ErrorPanel message={error} />
      {confirming ? (
        <div className="actions confirm">
          <span className="warn">
            Delete {run.id} with its results and checkpoint files? This cannot be undone.
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => void discard()}>
            Yes, discard
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void resume()}>
            Resume
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Discard
          </button>
          <button type="button" disabled={busy} onClick={() => setQueue([])}>
            Later
          </button>
        </div>
      )}
    </Modal>
  );
}
