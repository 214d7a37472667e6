import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GenerateProgressEvent } from '../../../../shared/dto.ts';
import { api, errorText } from '../../api/index.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { Field, invalidProps } from '../../components/Field.tsx';
import { fmtDuration, fmtInt } from '../../components/format.ts';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useData } from '../../store/data.ts';
import { notify } from '../../store/ui.ts';
import { IsoDateInput } from '../../components/IsoDateInput.tsx';
import { isIsoDate } from '../../components/iso-date.ts';
import { addSample, secondsLeft, type ProgressSample } from './progress-eta.ts';
import { intField, symbolProblem } from './validate.ts';

type Problems = Partial<Record<'symbol' | 'start' | 'days' | 'seed', string>>;

/** "Generate demo data": deterministic synthetic ticks (data:generate). */
export function GenerateForm() {
  const id = useId();
  const [symbol, setSymbol] = useState('EURUSD');
  const [start, setStart] = useState('2024-01-01');
  const [days, setDays] = useState('5');
  const [seed, setSeed] = useState('1');
  const [replace, setReplace] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<GenerateProgressEvent | null>(null);
  const [eta, setEta] = useState<number | null>(null);
  // The generation this form started (its symbol), and the samples its ETA is estimated from.
  const job = useRef<{ symbol: string; samples: ProgressSample[] } | null>(null);

  useEffect(
    () =>
      api.on('generate:progress', (p) => {
        const j = job.current;
        if (!j || p.symbol !== j.symbol || p.days <= 0) return;
        j.samples = addSample(j.samples, { at: performance.now(), fraction: p.daysDone / p.days });
        setProgress(p);
        setEta(secondsLeft(j.samples));
      }),
    [],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = intField(days, 1, 3660);
    const s = intField(seed, 0);
    const p: Problems = {};
    const sp = symbolProblem(symbol);
    if (sp) p.symbol = sp;
    if (!isIsoDate(start)) p.start = 'A date, e.g. 2024-01-01';
    if (d.problem) p.days = d.problem;
    if (s.problem) p.seed = s.problem;
    setProblems(p);
    if (Object.keys(p).length > 0 || d.value === null || s.value === null) return;
    setBusy(true);
    setError(null);
    setProgress(null);
    setEta(null);
    job.current = { symbol: symbol.trim(), samples: [] };
    try {
      const change = await useData.getState().generate({
        symbol: symbol.trim(),
        start,
        days: d.value,
        seed: s.value,
        replace,
      });
      notify(
        `Generated ${fmtInt(change.added)} ticks for ${change.symbol.symbol}; ${fmtInt(change.symbol.ticks)} stored`,
        'success',
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      job.current = null;
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Generate demo data</h2>
      <p className="muted small">
        Synthetic, reproducible ticks: the same symbol, start, days and seed give the same data.
      </p>
      <div className="form-grid">
        <Field id={`${id}-symbol`} label="Symbol" problem={problems.symbol}>
          <input
            id={`${id}-symbol`}
            value={symbol}
            onChange={(e) => setSymbol(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            {...invalidProps(`${id}-symbol`, problems.symbol)}
          />
        </Field>
        <Field id={`${id}-start`} label="Start" problem={problems.start} hint="UTC">
          <IsoDateInput
            id={`${id}-start`}
            value={start}
            onChange={setStart}
            {...invalidProps(`${id}-start`, problems.start)}
          />
        </Field>
        <Field id={`${id}-days`} label="Days" problem={problems.days}>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={3660}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            {...invalidProps(`${id}-days`, problems.days)}
          />
        </Field>
        <Field id={`${id}-seed`} label="Seed" problem={problems.seed}>
          <input
            id={`${id}-seed`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            {...invalidProps(`${id}-seed`, problems.seed)}
          />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        Replace existing ticks of the symbol
      </label>
      {busy && (
        <div className="import-status">
          <span className="muted small">
            Generating…
            {progress && (
              <>
                {' '}
                {fmtInt(progress.ticks)} ticks · day {fmtInt(Math.floor(progress.daysDone))} of{' '}
                {fmtInt(progress.days)} ·{' '}
                <span data-testid="generate-eta">ETA {fmtDuration(eta)}</span>
              </>
            )}
          </span>
          <ProgressBar
            pct={progress ? (100 * progress.daysDone) / progress.days : null}
            label="Generate progress"
          />
        </div>
      )}
      <ErrorPanel message={error} title="Generate failed" onDismiss={() => setError(null)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Generate
        </button>
      </div>
    </form>
  );
}
