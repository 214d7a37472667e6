/**
 * A run's checkpoints: a timeline (simulated time or progress %, colour = status, shape =
 * trigger), the table below it (kept current by `checkpoint:written`), and what can be done with
 * one: inspect it, verify it, delete it, fork a new run from it — or diff two of them.
 */
import { useEffect, useState } from 'react';
import type { DiffReport, InspectReport, RunInfo } from '../../../shared/dto.ts';
import { useNav } from '../store/nav.ts';
import { CheckpointTable } from './checkpoints/CheckpointTable.tsx';
import { countLabel, diffBlocker, readable } from './checkpoints/checkpoint-status.ts';
import { DiffPanel } from './checkpoints/DiffPanel.tsx';
import { InspectPanel } from './checkpoints/InspectPanel.tsx';
import { ResumeDialog } from './checkpoints/ResumeDialog.tsx';
import { Timeline, type AxisMode } from './checkpoints/Timeline.tsx';
import { useCheckpoints } from './checkpoints/useCheckpoints.ts';
import { useResumeMarks } from './checkpoints/useResumeMarks.ts';
import { api, errorText, useBackendEvent } from './run/backend.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import './run/screens.css';

export function CheckpointsScreen({ runId }: { runId?: string }) {
  if (!runId) {
    return (
      <section className="screen bt-screen" aria-label="Checkpoints">
        <p className="muted">No run selected: pick a run to see its checkpoints.</p>
      </section>
    );
  }
  return <CheckpointsView key={runId} runId={runId} />;
}
export default CheckpointsScreen;

function CheckpointsView({ runId }: { runId: string }) {
  const { go } = useNav();
  const [run, setRun] = useState<RunInfo | null>(null);
  const {
    list,
    loaded,
    error: listError,
    refresh,
  } = useCheckpoints(runId, run?.ticksTotal ?? null);
  const [mode, setMode] = useState<AxisMode>('time');
  const [selected, setSelected] = useState<number | null>(null);
  const [checked, setChecked] = useState<number[]>([]);
  const [report, setReport] = useState<InspectReport | null>(null);
  const [diff, setDiff] = useState<DiffReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [resumeSeq, setResumeSeq] = useState<number | null>(null);
  const [actionError, setActionError] = useState<{ title: string; text: string } | null>(null);

  useEffect(() => {
    let current = true;
    api.invoke('runs:get', { runId }).then(
      (r) => current && setRun(r),
      () => {
        // The header then shows the id only; the list reports its own errors.
      },
    );
    return () => {
      current = false;
    };
  }, [runId]);
  const resumes = useResumeMarks(runId, list.length, run?.status);
  useBackendEvent('run:state', (e) => {
    if (e.runId === runId) setRun((r) => (r ? { ...r, status: e.status } : r));
  });

  const current = list.find((c) => c.seq === selected);
  // A ticked checkpoint deleted since (by hand or by the disk budget) no longer counts for a diff.
  const comparable = checked.filter((seq) => {
    const c = list.find((x) => x.seq === seq);
    return c !== undefined && diffBlocker(c) === null;
  });

  async function act(name: string, fn: () => Promise<void>) {
    setBusy(name);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError({ title: `${name} failed`, text: errorText(e) });
    } finally {
      setBusy(null);
    }
  }

  const inspect = (seq: number) =>
    act('Inspect', async () => {
      setNotice(null);
      const r = await api.invoke('checkpoints:inspect', { runId, seq });
      setReport(r);
    });

  const select = (seq: number) => {
    setSelected(seq);
    setReport(null);
    const c = list.find((x) => x.seq === seq);
    if (readable(c) && c?.status !== 'corrupt') void inspect(seq);
  };

  const verify = (seq: number) =>
    act('Verify', async () => {
      const r = await api.invoke('checkpoints:verify', { runId, seq });
      setNotice({ ok: r.ok, text: `Checkpoint #${seq} ${r.ok ? 'ok' : 'failed'}: ${r.message}` });
      refresh();
    });

  const remove = (seq: number) => {
    const ok = window.confirm(
      `Delete checkpoint #${seq} of run ${runId}? Its file is removed; it cannot be resumed from.`,
    );
    if (!ok) return;
    void act('Delete', async () => {
      await api.invoke('checkpoints:delete', { runId, seq });
      setNotice({ ok: true, text: `Checkpoint #${seq} deleted.` });
      if (report?.run.seq === seq) setReport(null);
      setChecked((c) => c.filter((x) => x !== seq));
      refresh();
    });
  };

  const exportSavepoint = (seq: number) =>
    act('Export savepoint', async () => {
      const r = await api.invoke('checkpoints:exportSavepoint', { runId, seq });
      setNotice({
        ok: true,
        text: `Savepoint of checkpoint #${seq} written: ${r.file} (${r.bytes} bytes). Resume it in another data folder with the same ticks: backtestr resume --checkpoint FILE`,
      });
    });

  // The dialog shows a refusal itself (it rejects), so this does not go through act().
  const resumeFrom = async (
    seq: number,
    params: Record<string, number | boolean | string> | undefined,
  ) => {
    const r = await api.invoke('runs:resume', {
      runId,
      checkpoint: seq,
      ...(params && { params }),
    });
    setResumeSeq(null);
    go('run', { runId: r.runId });
  };

  const runDiff = () => {
    const [a, b] = [...comparable].sort((x, y) => x - y);
    void act('Diff', async () => {
      setDiff(null);
      const r = await api.invoke('checkpoints:diff', { runId, a, b });
      setDiff(r);
    });
  };

  const toggle = (seq: number) =>
    setChecked((c) => (c.includes(seq) ? c.filter((x) => x !== seq) : [...c, seq].slice(-2)));

  const idle = busy === null;
  return (
    <section className="screen bt-screen" aria-label={`Checkpoints of run ${runId}`}>
      <header className="screen-head bt-head">
        <h1>
          Checkpoints · Run <code>{runId}</code>
        </h1>
        {run && <StatusBadge status={run.status} />}
        <span className="muted">{countLabel(list)}</span>
        <nav className="bt-links" aria-label="Run views">
          <button type="button" className="bt-link" onClick={() => go('run', { runId })}>
            Run
          </button>
          <button type="button" className="bt-link" onClick={() => go('results', { runId })}>
            Results
          </button>
        </nav>
      </header>

      <ErrorPanel title="Cannot list the checkpoints" message={listError} />

      <div className="panel">
        <div className="bt-toolbar">
          <h2 style={{ margin: 0 }}>Timeline</h2>
          <span className="bt-segmented" role="group" aria-label="Timeline axis">
            <button type="button" aria-pressed={mode === 'time'} onClick={() => setMode('time')}>
              Sim time
            </button>
            <button
              type="button"
              aria-pressed={mode === 'progress'}
              onClick={() => setMode('progress')}
            >
              Progress %
            </button>
          </span>
        </div>
        <Timeline
          checkpoints={list}
          mode={mode}
          selected={selected}
          onSelect={select}
          resumes={resumes}
          parent={
            run?.parentRunId && run.parentSeq !== null
              ? { runId: run.parentRunId, seq: run.parentSeq }
              : null
          }
        />
      </div>

      <div className="bt-toolbar" role="toolbar" aria-label="Checkpoint actions">
        <span className="muted">
          {selected === null ? 'No checkpoint selected' : `#${selected}`}
        </span>
        <button
          type="button"
          disabled={!idle || !readable(current)}
          onClick={() => selected !== null && void inspect(selected)}
        >
          Inspect
        </button>
        <button
          type="button"
          disabled={!idle || !readable(current)}
          onClick={() => selected !== null && void verify(selected)}
        >
          Verify
        </button>
        <button
          type="button"
          disabled={!idle || !readable(current)}
          onClick={() => selected !== null && void exportSavepoint(selected)}
        >
          Export savepoint
        </button>
        <button
          type="button"
          className="danger subtle"
          disabled={
            !idle ||
            current === undefined ||
            current.status === 'deleted' ||
            current.status === 'gc'
          }
          onClick={() => selected !== null && remove(selected)}
        >
          Delete
        </button>
        <button
          type="button"
          disabled={!idle || current?.status !== 'valid'}
          onClick={() => selected !== null && setResumeSeq(selected)}
        >
          Resume from here
        </button>
        <span className="muted">·</span>
        <button type="button" disabled={!idle || comparable.length !== 2} onClick={runDiff}>
          Diff
        </button>
        <span className="muted">
          {comparable.length === 2
            ? `#${Math.min(...comparable)} → #${Math.max(...comparable)}`
            : 'tick two checkpoints to diff'}
        </span>
        <span role="status" className="bt-notice">
          {busy
            ? `${busy}…`
            : notice && <span className={notice.ok ? 'bt-ok' : 'neg'}>{notice.text}</span>}
        </span>
      </div>
      <ErrorPanel
        title={actionError?.title}
        message={actionError?.text ?? null}
        onDismiss={() => setActionError(null)}
      />

      <div className="panel bt-scroll bt-table-scroll">
        <CheckpointTable
          checkpoints={list}
          loaded={loaded}
          selected={selected}
          checked={comparable}
          onSelect={select}
          onToggle={toggle}
        />
      </div>

      {resumeSeq !== null && (
        <ResumeDialog
          run={run}
          seq={resumeSeq}
          onCancel={() => setResumeSeq(null)}
          onConfirm={(params) => resumeFrom(resumeSeq, params)}
        />
      )}
      {diff && <DiffPanel diff={diff} />}
      {report && <InspectPanel report={report} />}
    </section>
  );
}
