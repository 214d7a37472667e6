/** The timeframes a run builds bars for, as checkboxes; a strategy adds the ones it needs. */
import { TIMEFRAMES, type Timeframe } from './form.ts';
import { toggle } from './SymbolsField.tsx';

export function TimeframesField({
  value,
  problem,
  onChange,
}: {
  value: readonly Timeframe[];
  problem?: string;
  onChange(value: Timeframe[]): void;
}) {
  return (
    <fieldset className="field">
      <legend>Timeframes</legend>
      <div className="checks inline">
        {TIMEFRAMES.map((t) => (
          <label key={t} className="check">
            <input
              type="checkbox"
              checked={value.includes(t)}
              onChange={(e) => onChange(toggle(value, t, e.target.checked))}
            />
            {t}
          </label>
        ))}
      </div>
      {problem ? (
        <span className="field-error">{problem}</span>
      ) : (
        <span className="hint">A strategy adds the timeframes it needs</span>
      )}
    </fieldset>
  );
}
