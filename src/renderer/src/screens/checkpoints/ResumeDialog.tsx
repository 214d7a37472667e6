/**
 * "Resume from here" asks first: it makes a new run, and the user may change the strategy's
 * params for it (the New backtest fields, drawn from the strategy's schema). Only changed params
 * are sent; the backend refuses one that needs indicators the checkpoint did not compute, and
 * that refusal is shown here, in the dialog, where the value can be changed back.
 */
import { useEffect, useState } from 'react';
import type { ParamSpecDto, RunInfo } from '../../../../shared/dto.ts';
import { Modal } from '../../components/Modal.tsx';
import { ParamField } from '../new/ParamField.tsx';
import { parseParam, type ParamValue, type RawParam } from '../new/form.ts';
import { api, errorText } from '../run/backend.ts';

type Params = Record<string, ParamValue>;

const rawOf = (v: ParamValue): RawParam => (typeof v === 'boolean' ? v : String(v));

/** The params that differ from the run's, or problems keyed by param name. */
export function changedParams(
  specs: readonly ParamSpecDto[],
  current: Readonly<Params>,
  edits: Readonly<Record<string, RawParam>>,
): { changed: Params; problems: Record<string, string> } {
  const changed: Params = {};
  const problems: Record<string, string> = {};
  for (const spec of specs) {
    if (!(spec.name in edits)) continue;
    const parsed = parseParam(spec, edits[spec.name]);
    if ('problem' in parsed) problems[spec.name] = parsed.problem;
    else if (parsed.value !== (current[spec.name] ?? spec.default))
      changed[spec.name] = parsed.value;
  }
  return { changed, problems };
}

export function ResumeDialog({
  run,
  seq,
  onCancel,
  onConfirm,
}: {
  run: RunInfo | null;
  seq: number;
  onCancel: () => void;
  /** Resolves when the fork started; rejects with the backend's refusal. */
  onConfirm: (params: Params | undefined) => Promise<void>;
}) {
  const strategy = run?.strategy ?? null;
  const name = strategy?.name ?? null;
  const [specs, setSpecs] = useState<ParamSpecDto[] | null>(null);
  const [edits, setEdits] = useState<Record<string, RawParam>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (name === null) return;
    let current = true;
    api.invoke('strategies:list').then(
      (list) => {
        if (!current) return;
        const info = list.strategies.find((s) => s.name === name);
        setSpecs(info?.params ?? []);
        if (!info) setError(`Strategy ${name} is not available: its params are kept.`);
      },
      (e: unknown) => current && setError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [name]);

  const { changed, problems } = changedParams(specs ?? [], strategy?.params ?? {}, edits);
  const count = Object.keys(changed).length;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(count > 0 ? changed : undefined);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Modal title={`Resume from checkpoint #${seq}?`} onClose={busy ? undefined : onCancel}>
      <p className="muted">
        This creates a new run that starts from checkpoint #{seq} of run{' '}
        <span className="mono">{run?.id}</span>; the run itself stays as it is. The checkpoint's
        state — positions, bars, indicators, the strategy's memory — carries over.
      </p>
      {strategy && specs && specs.length > 0 && (
        <div className="form-grid params" role="group" aria-label="Parameters for the new run">
          {specs.map((spec) => (
            <ParamField
              key={spec.name}
              id={`resume-param-${spec.name}`}
              spec={spec}
              value={edits[spec.name] ?? rawOf(strategy.params[spec.name] ?? spec.default)}
              problem={problems[spec.name]}
              onChange={(v) => setEdits((e) => ({ ...e, [spec.name]: v }))}
            />
          ))}
        </div>
      )}
      {strategy && specs && specs.length > 0 && (
        <p className="muted small">
          {count === 0
            ? `Same parameters as the run (${strategy.name}).`
            : `Changed: ${Object.entries(changed)
                .map(([k, v]) => `${k} = ${String(v)}`)
                .join(', ')}. A change that needs other indicators or timeframes is refused.`}
        </p>
      )}
      {error && (
        <p role="alert" className="neg">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || Object.keys(problems).length > 0}
          onClick={() => void confirm()}
        >
          {busy ? 'Starting…' : 'Create the new run'}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
