import { useEffect, useState } from 'react';
import type { CheckpointGcReport } from '../../../../shared/dto.ts';
import { formatSize } from '../../../../shared/size-text.ts';
import { api, errorText } from '../../api/index.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { notify } from '../../store/ui.ts';

/**
 * "Run GC now" with its preview: a dry run (checkpoints:gc, dryRun) lists what the pass would
 * delete, in order, before anything is; `version` changes when the budget does, to preview again.
 */
export function GcPanel({ version, onDone }: { version: number; onDone: () => void }) {
  const [preview, setPreview] = useState<CheckpointGcReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.invoke('checkpoints:gc', { dryRun: true }).then(
      (r) => live && setPreview(r),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const runNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await api.invoke('checkpoints:gc', { dryRun: false });
      const freed = done.deleted.reduce((s, f) => s + f.bytes, 0);
      notify(`Deleted ${done.deleted.length} checkpoint files (${formatSize(freed)})`, 'success');
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const files = preview?.deleted ?? [];
  return (
    <section className="panel" aria-label="Checkpoint garbage collection">
      <h2>Garbage collection</h2>
      <ErrorPanel message={error} title="Checkpoint GC failed" />
      {preview === null ? (
        <p>Loading…</p>
      ) : files.length === 0 ? (
        <p>Within budget: nothing to delete.</p>
      ) : (
        <>
          <p>
            Would delete {files.length} files ({formatSize(files.reduce((s, f) => s + f.bytes, 0))}
            ), leaving {formatSize(preview.afterBytes)}:
          </p>
          <table className="bt-table" aria-label="Checkpoints GC would delete">
            <thead>
              <tr>
                <th>Run</th>
                <th className="num">Seq</th>
                <th className="num">Size</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.file}>
                  <td className="mono">{f.runId}</td>
                  <td className="num">{f.seq}</td>
                  <td className="num">{formatSize(f.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {preview !== null && preview.afterBytes > preview.budgetBytes && (
        <p className="muted small">
          Still over budget afterwards: {preview.protectedFiles.length} checkpoints are the resume
          points of unfinished runs.
        </p>
      )}
      <button
        type="button"
        className="danger"
        disabled={busy || files.length === 0}
        onClick={() => void runNow()}
      >
        Run GC now
      </button>
    </section>
  );
}
