import { useEffect, useId, useState, type DragEvent, type FormEvent } from 'react';
import type { ArgsOf } from '../../../../shared/contract.ts';
import { api, errorText, filePathFor } from '../../api/index.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { Field, invalidProps } from '../../components/Field.tsx';
import { fmtBytes, fmtInt } from '../../components/format.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useData } from '../../store/data.ts';
import { notify, useUi } from '../../store/ui.ts';
import { guessSymbol, symbolProblem } from './validate.ts';

type Format = NonNullable<ArgsOf<'data:import'>['format']>;
const FORMATS: { value: Format; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: 'generic', label: 'Generic (time, bid, ask)' },
  { value: 'dukascopy', label: 'Dukascopy' },
  { value: 'histdata', label: 'HistData (ASCII ticks)' },
  { value: 'truefx', label: 'TrueFX' },
];

/** A File from the file input or a drop, or a path from the native dialog (Electron). */
type Source = { kind: 'file'; file: File } | { kind: 'path'; path: string };
type Problems = Partial<Record<'file' | 'symbol', string>>;

const sourceName = (s: Source) =>
  s.kind === 'file' ? s.file.name : (s.path.split(/[\\/]/).pop() ?? s.path);

/** "Import CSV": pick, browse or drop a tick CSV, then data:import with progress. */
export function ImportForm() {
  const id = useId();
  const electron = useUi((s) => s.info?.host === 'electron');
  const progress = useData((s) => s.importProgress);
  const [source, setSource] = useState<Source | null>(null);
  const [symbol, setSymbol] = useState('');
  const [symbolTouched, setSymbolTouched] = useState(false);
  const [format, setFormat] = useState<Format>('auto');
  const [replace, setReplace] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [phase, setPhase] = useState<'reading' | 'importing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => api.on('import:progress', (p) => useData.getState().setImportProgress(p)), []);

  const choose = (next: Source) => {
    setSource(next);
    setError(null);
    setProblems((p) => ({ ...p, file: undefined }));
    const guess = guessSymbol(sourceName(next));
    if (guess && !symbolTouched) setSymbol(guess);
  };

  const browse = async () => {
    try {
      const path = await api.invoke('data:pickFile');
      if (path) choose({ kind: 'path', path });
    } catch (err) {
      setError(errorText(err));
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) choose({ kind: 'file', file });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Problems = {};
    if (!source) p.file = 'Choose a tick CSV file, or drop one on this box';
    const sp = symbolProblem(symbol);
    if (sp) p.symbol = sp;
    setProblems(p);
    if (!source || Object.keys(p).length > 0) return;
    setError(null);
    setPhase('reading');
    try {
      const file = source.kind === 'path' ? source.path : await filePathFor(source.file);
      setPhase('importing');
      const change = await useData
        .getState()
        .importFile({ file, symbol: symbol.trim(), format, replace });
      notify(
        `Imported ${fmtInt(change.added)} ticks for ${change.symbol.symbol}` +
          `${change.format ? ` (${change.format})` : ''}; ${fmtInt(change.symbol.ticks)} stored`,
        'success',
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPhase(null);
    }
  };

  const pct =
    progress && progress.totalBytes > 0 ? (100 * progress.bytesRead) / progress.totalBytes : null;

  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Import CSV</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}${problems.file ? ' invalid' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="muted small">
          Drop a tick CSV here, or choose one. Dukascopy, HistData, TrueFX and generic time,bid,ask
          files are recognised.
        </p>
        <div className="dropzone-row">
          <label htmlFor={`${id}-file`} className="sr-only">
            Tick CSV file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) choose({ kind: 'file', file });
            }}
            {...invalidProps(`${id}-file`, problems.file)}
          />
          {electron && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        {source && (
          <p className="small">
            Selected: <span className="mono">{sourceName(source)}</span>
            {source.kind === 'file' && (
              <span className="muted num"> · {fmtBytes(source.file.size)}</span>
            )}
            {source.kind === 'path' && <span className="muted mono"> · {source.path}</span>}
          </p>
        )}
        {problems.file && (
          <span className="field-error" id={`${id}-file-error`}>
            {problems.file}
          </span>
        )}
      </div>
      <div className="form-grid">
        <Field
          id={`${id}-symbol`}
          label="Import symbol"
          problem={problems.symbol}
          hint="Stored under this name"
        >
          <input
            id={`${id}-symbol`}
            value={symbol}
            placeholder="EURUSD"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setSymbol(e.target.value);
              setSymbolTouched(true);
            }}
            {...invalidProps(`${id}-symbol`, problems.symbol)}
          />
        </Field>
        <Field id={`${id}-format`} label="Format">
          <select
            id={`${id}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        Overwrite stored ticks of this symbol
      </label>
      {phase && (
        <div className="import-status">
          <span className="muted small">
            {phase === 'reading' ? 'Preparing the file…' : 'Importing…'}
          </span>
          <ProgressBar pct={phase === 'importing' ? pct : null} label="Import progress" />
        </div>
      )}
      <ErrorPanel message={error} title="Import failed" onDismiss={() => setError(null)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={phase !== null}>
          Import
        </button>
      </div>
    </form>
  );
}
