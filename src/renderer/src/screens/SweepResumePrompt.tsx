/**
 * On start: sweeps that were interrupted (the app or machine stopped mid-sweep). Resume finishes
 * one — completed jobs kept, interrupted jobs continued from their own checkpoints, pending ones
 * started — and opens its view. One sweep at a time; Later closes the prompt for this session
 * (the sweep stays in Optimise, where Resume is also offered). `onDone` tells the shell the
 * prompt is finished, so the run prompt (ResumePrompt) only shows after it: two dialogs at once
 * would fight over the focus.
 */
import { useEffect, useRef, useState } from 'react';
import type { SweepInfo } from '../../../shared/sweeps.ts';
import { OBJECTIVE_LABELS } from '../../../shared/sweeps.ts';
import { api, errorText } from '../api/index.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { fmtInt, fmtLocal } from '../components/format.ts';
import { Modal } from '../components/Modal.tsx';
import { useNav } from '../store/nav.ts';
import { notify } from '../store/ui.ts';

/**
 * The runs that are jobs of the recoverable sweeps, read before anything is resumed: the run
 * prompt must not offer them one by one (RunInfo.sweepId says the same once every backend fills
 * it; this also covers one that does not). A sweep whose detail cannot be read adds nothing.
 */
async function jobRunIds(sweeps: readonly SweepInfo[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const s of sweeps) {
    try {
      const d = await api.invoke('sweeps:get', { sweepId: s.id });
      for (const j of d.jobs) if (j.runId) ids.add(j.runId);
    } catch {
      // Gone or unreadable: its runs, if any, carry their sweepId.
    }
  }
  return ids;
}

export function SweepResumePrompt({
  onDone,
}: {
  /** Called once no sweep is left to ask about, with the runs that are jobs of a sweep. */
  onDone?: (sweepJobRuns: ReadonlySet<string>) => void;
}) {
  const [queue, setQueue] = useState<SweepInfo[] | null>(null);
  const [jobRuns, setJobRuns] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const list = await api.invoke('sweeps:recoverable');
      const runs = await jobRunIds(list);
      if (cancelled) return;
      setJobRuns(runs);
      setQueue(list.filter((s) => s.status === 'interrupted'));
    })().catch((err: unknown) => {
      if (cancelled) return;
      notify(`Could not look for interrupted sweeps: ${errorText(err)}`, 'error');
      setQueue([]);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const done = queue !== null && queue.length === 0;
  useEffect(() => {
    if (done) onDoneRef.current?.(jobRuns);
  }, [done, jobRuns]);

  const sweep = queue?.[0];
  if (!sweep) return null;

  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      const { sweepId } = await api.invoke('sweeps:resume', { sweepId: sweep.id });
      notify(`Resumed sweep ${sweepId}`, 'success');
      setQueue([]);
      useNav.getState().go('optimise', { sweepId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Resume interrupted sweep?" onClose={() => setQueue([])} className="resume">
      <p>
        Sweep <span className="mono">{sweep.id}</span> was interrupted:{' '}
        <span className="num">
          {fmtInt(sweep.jobsDone)} of {fmtInt(sweep.jobsTotal)}
        </span>{' '}
        jobs done{queue.length > 1 ? ` (1 of ${queue.length} interrupted sweeps)` : ''}.
      </p>
      <p className="muted">
        Resume keeps the finished jobs, continues the interrupted ones from their checkpoints and
        starts the rest; the result is the same as if it had never stopped.
      </p>
      <dl className="facts">
        <dt>Strategy</dt>
        <dd>{sweep.spec.base.strategy}</dd>
        <dt>Symbols</dt>
        <dd>{sweep.spec.base.symbols.join(', ')}</dd>
        <dt>Objective</dt>
        <dd>{OBJECTIVE_LABELS[sweep.spec.objective]}</dd>
        <dt>Started</dt>
        <dd className="num">{fmtLocal(sweep.createdAt)}</dd>
      </dl>
      <ErrorPanel message={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void resume()}>
          Resume
        </button>
        <button type="button" disabled={busy} onClick={() => setQueue([])}>
          Later
        </button>
      </div>
    </Modal>
  );
}
