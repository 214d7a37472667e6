import { useId, useState, type FormEvent } from 'react';
import type { SymbolSpecDto } from '../../../../shared/dto.ts';
import { WEEKDAYS, type SymbolSpec } from '../../../../shared/symbol-spec.ts';
import { errorText } from '../../api/index.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { Field, invalidProps } from '../../components/Field.tsx';
import { useSpecs } from '../../store/specs.ts';
import { notify } from '../../store/ui.ts';
import {
  draftOf,
  parseDraft,
  SPEC_FIELDS,
  WEEKDAY_NAMES,
  type SpecDraft,
  type SpecField,
  type SpecProblems,
} from './spec-form.ts';

/**
 * Edits one symbol's specification (data:setSpec / data:resetSpec). The whole form is sent as
 * the change, so what is saved is what the form shows. Runs already started keep their spec.
 */
export function SpecEditor({ spec, onClose }: { spec: SymbolSpecDto; onClose: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<SpecDraft>(() => draftOf(spec));
  const [problems, setProblems] = useState<SpecProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: SpecField, v: string) => setDraft((d) => ({ ...d, [f]: v }));

  const act = async (what: () => Promise<SymbolSpecDto>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await what();
      setDraft(draftOf(answer));
      notify(done, 'success');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const r = parseDraft(draft);
    setProblems(r.problems ?? {});
    if (r.spec === null) return;
    const next: SymbolSpec = r.spec;
    void act(() => useSpecs.getState().save(spec.symbol, next), `Saved the spec of ${spec.symbol}`);
  };
  const reset = () => {
    setProblems({});
    void act(() => useSpecs.getState().reset(spec.symbol), `${spec.symbol} uses its default spec`);
  };

  const control = (f: SpecField) => {
    const common = {
      id: `${id}-${f}`,
      value: draft[f],
      onChange: (e: { target: { value: string } }) => set(f, e.target.value),
      ...invalidProps(`${id}-${f}`, problems[f]),
    };
    if (f === 'swapMode') {
      return (
        <select {...common}>
          <option value="points">points</option>
          <option value="money">account money</option>
        </select>
      );
    }
    if (f === 'tripleSwapDay') {
      return (
        <select {...common}>
          {WEEKDAYS.map((w, i) => (
            <option key={w} value={w}>
              {WEEKDAY_NAMES[i]}
            </option>
          ))}
        </select>
      );
    }
    return <input {...common} autoComplete="off" spellCheck={false} />;
  };

  return (
    <form
      className="panel form"
      aria-label={`Specification of ${spec.symbol}`}
      onSubmit={save}
      noValidate
    >
      <h2>
        Specification of {spec.symbol}{' '}
        <span className="muted small">{spec.edited ? 'edited' : 'default from the name'}</span>
      </h2>
      <p className="muted small">
        How prices are written, what a lot is, what a night costs and the margin a lot needs. New
        runs copy it when they start; runs already made keep the one they used.
      </p>
      <ErrorPanel message={spec.problem ?? null} title="The stored specification is refused" />
      <div className="form-grid">
        {SPEC_FIELDS.map(({ field, label, hint }) => (
          <Field
            key={field}
            id={`${id}-${field}`}
            label={label}
            problem={problems[field]}
            hint={hint}
          >
            {control(field)}
          </Field>
        ))}
      </div>
      <ErrorPanel message={error} title="Not saved" onDismiss={() => setError(null)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={reset} disabled={busy || !spec.edited}>
          Reset to default
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
