/**
 * How a sweep searches and ranks: objective and minimum trades, grid or random (samples, seed),
 * walk-forward (in-sample and out-of-sample days) and the number of workers.
 */
import {
  OBJECTIVE_LABELS,
  SWEEP_OBJECTIVES,
  type SweepObjective,
} from '../../../../shared/sweeps.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import type { Problems, SweepFormValues } from './sweep-form.ts';

type Values = Omit<SweepFormValues, 'symbols' | 'from' | 'to' | 'timeframes' | 'record'>;
type TextKey = 'minTrades' | 'samples' | 'seed' | 'inSampleDays' | 'outOfSampleDays' | 'workers';

export function SearchFields({
  fid,
  values,
  problems,
  onChange,
}: {
  fid(name: string): string;
  values: Values;
  problems: Problems;
  onChange(patch: Partial<Values>): void;
}) {
  const text = (key: TextKey, label: string, hint: string, placeholder?: string) => (
    <Field id={fid(key)} label={label} problem={problems[key]} hint={hint}>
      <input
        id={fid(key)}
        type="number"
        className="num"
        inputMode="numeric"
        step={1}
        min={0}
        placeholder={placeholder}
        value={values[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        {...invalidProps(fid(key), problems[key])}
      />
    </Field>
  );
  return (
    <section className="panel form">
      <h2>Search</h2>
      <div className="form-grid">
        <Field id={fid('objective')} label="Objective" hint="What jobs are ranked by">
          <select
            id={fid('objective')}
            value={values.objective}
            onChange={(e) => onChange({ objective: e.target.value as SweepObjective })}
          >
            {SWEEP_OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {OBJECTIVE_LABELS[o]}
                {o === 'max-drawdown-pct' ? ' (lowest)' : ''}
              </option>
            ))}
          </select>
        </Field>
        {text('minTrades', 'Min trades', 'A job with fewer is never the best')}
      </div>
      <fieldset className="field">
        <legend>Method</legend>
        <div className="checks inline">
          {(['grid', 'random'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name={fid('search')}
                checked={values.search === kind}
                onChange={() => onChange({ search: kind })}
              />
              {kind === 'grid' ? 'Grid: every combination' : 'Random sample of the grid'}
            </label>
          ))}
        </div>
      </fieldset>
      {values.search === 'random' && (
        <div className="form-grid">
          {text('samples', 'Samples', 'Distinct grid points to run')}
          {text('seed', 'Seed', 'The same seed draws the same points')}
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={values.walkForward}
          onChange={(e) => onChange({ walkForward: e.target.checked })}
        />
        Walk-forward
      </label>
      {values.walkForward && (
        <div className="form-grid">
          {text('inSampleDays', 'In-sample days', 'Each window optimises on this')}
          {text('outOfSampleDays', 'Out-of-sample days', 'Then trades its best on this')}
        </div>
      )}
      <div className="form-grid">
        {text('workers', 'Workers', 'Jobs at a time; empty = one per core', 'auto')}
      </div>
    </section>
  );
}
