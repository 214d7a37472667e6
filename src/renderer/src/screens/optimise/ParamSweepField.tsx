/**
 * One param of the strategy's schema on the Optimise form: Fixed (the New backtest form's
 * ParamField) or Swept — numbers as from / to / step, booleans, choices and timeframes as a
 * checkbox list of the values to try. Free-text strings can only be fixed.
 */
import type { ParamSpecDto } from '../../../../shared/dto.ts';
import { paramLabel } from '../../../../shared/param-label.ts';
import { ParamField } from '../new/ParamField.tsx';
import { canSweep, listChoices, type ParamSetting } from './sweep-form.ts';

export function ParamSweepField({
  id,
  spec,
  setting,
  problem,
  onChange,
}: {
  id: string;
  spec: ParamSpecDto;
  setting: ParamSetting;
  problem?: string;
  onChange(next: ParamSetting): void;
}) {
  const set = (patch: Partial<ParamSetting>) => onChange({ ...setting, ...patch });
  const sweepable = canSweep(spec);
  const swept = setting.swept && sweepable;
  return (
    <fieldset className="field opt-param" aria-label={`Param ${spec.name}`}>
      <legend className="opt-param-head">
        <span>{paramLabel(spec.name, [spec])}</span>
        <span className="bt-segmented" role="group" aria-label={`${spec.name}: fixed or swept`}>
          <button type="button" aria-pressed={!swept} onClick={() => set({ swept: false })}>
            Fixed
          </button>
          <button
            type="button"
            aria-pressed={swept}
            disabled={!sweepable}
            title={sweepable ? undefined : 'A free-text param cannot be swept'}
            onClick={() => set({ swept: true })}
          >
            Swept
          </button>
        </span>
      </legend>
      {!swept ? (
        <ParamField
          id={id}
          spec={spec}
          value={setting.fixed}
          problem={problem}
          onChange={(fixed) => set({ fixed })}
        />
      ) : listChoices(spec) ? (
        <ChoiceList id={id} spec={spec} setting={setting} problem={problem} set={set} />
      ) : (
        <RangeInputs id={id} spec={spec} setting={setting} problem={problem} set={set} />
      )}
    </fieldset>
  );
}

interface PartProps {
  id: string;
  spec: ParamSpecDto;
  setting: ParamSetting;
  problem?: string;
  set(patch: Partial<ParamSetting>): void;
}

function RangeInputs({ id, spec, setting, problem, set }: PartProps) {
  const parts = ['from', 'to', 'step'] as const;
  return (
    <>
      <div className="opt-range">
        {parts.map((part) => (
          <label key={part} className="opt-range-part">
            <span className="muted small">{part}</span>
            <input
              id={`${id}-${part}`}
              type="number"
              className="num"
              aria-label={`${spec.name} ${part}`}
              inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
              step={spec.type === 'integer' ? 1 : 'any'}
              value={setting[part]}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => set({ [part]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <Message id={id} problem={problem} hint="Both ends included when on the step" />
    </>
  );
}

function ChoiceList({ id, spec, setting, problem, set }: PartProps) {
  const choices = listChoices(spec) ?? [];
  return (
    <>
      <div className="checks inline" role="group" aria-label={`${spec.name} values`}>
        {choices.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={setting.values.includes(c)}
              onChange={(e) =>
                set({
                  values: choices.filter((x) =>
                    x === c ? e.target.checked : setting.values.includes(x),
                  ),
                })
              }
            />
            {c}
          </label>
        ))}
      </div>
      <Message id={id} problem={problem} hint="Every value ticked is tried" />
    </>
  );
}

function Message({ id, problem, hint }: { id: string; problem?: string; hint: string }) {
  return problem ? (
    <span className="field-error" id={`${id}-error`}>
      {problem}
    </span>
  ) : (
    <span className="hint">{hint}</span>
  );
}
