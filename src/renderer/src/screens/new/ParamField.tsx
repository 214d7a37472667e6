import type { ParamSpecDto } from '../../../../shared/dto.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import { paramLabel } from '../../../../shared/param-label.ts';
import { paramChoices, type RawParam } from './form.ts';

function hintOf(spec: ParamSpecDto): string {
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? ` · ${spec.min}..${spec.max}`
      : spec.min !== undefined
        ? ` · ≥ ${spec.min}`
        : spec.max !== undefined
          ? ` · ≤ ${spec.max}`
          : '';
  return `${spec.description}${range} · default ${spec.default === '' ? "''" : String(spec.default)}`;
}

/** One strategy parameter, drawn from its schema, under its human label (shared/param-label.ts). */
export function ParamField({
  id,
  spec,
  value,
  problem,
  onChange,
}: {
  id: string;
  spec: ParamSpecDto;
  value: RawParam;
  problem?: string;
  onChange(value: RawParam): void;
}) {
  if (spec.type === 'boolean') {
    return (
      <div className="field">
        <label className="check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {paramLabel(spec.name, [spec])}
        </label>
        <span className="hint">{hintOf(spec)}</span>
      </div>
    );
  }
  const choices = paramChoices(spec);
  const text = String(value);
  return (
    <Field id={id} label={paramLabel(spec.name, [spec])} problem={problem} hint={hintOf(spec)}>
      {choices ? (
        <select
          id={id}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          {...invalidProps(id, problem)}
        >
          {!choices.includes(text) && <option value={text}>{text}</option>}
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : spec.type === 'string' ? (
        <input
          id={id}
          value={text}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          {...invalidProps(id, problem)}
        />
      ) : (
        <input
          id={id}
          type="number"
          className="num"
          inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
          min={spec.min}
          max={spec.max}
          step={spec.type === 'integer' ? 1 : 'any'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          {...invalidProps(id, problem)}
        />
      )}
    </Field>
  );
}
