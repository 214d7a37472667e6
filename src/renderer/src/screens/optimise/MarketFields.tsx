/**
 * What every job of a sweep runs on: symbols, dates, timeframes and what each job records —
 * the New backtest form's fields (same labels, same RecordField), without the account and
 * checkpoint panels (a sweep uses the defaults for those).
 */
import type { SymbolSummary } from '../../../../shared/dto.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import { fmtInt, fmtUtc } from '../../components/format.ts';
import { TIMEFRAMES } from '../new/form.ts';
import { RecordField } from '../new/RecordField.tsx';
import type { Problems, SweepFormValues } from './sweep-form.ts';

type Values = Pick<SweepFormValues, 'symbols' | 'from' | 'to' | 'timeframes' | 'record'>;

export const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

export function MarketFields({
  fid,
  dataSets,
  values,
  problems,
  onChange,
}: {
  fid(name: string): string;
  dataSets: readonly SymbolSummary[];
  values: Values;
  problems: Problems;
  onChange(patch: Partial<Values>): void;
}) {
  const range = dataSets.filter((d) => values.symbols.includes(d.symbol));
  return (
    <section className="panel form">
      <h2>Market</h2>
      <fieldset className="field">
        <legend>Symbols</legend>
        <div className="checks">
          {dataSets.map((d) => (
            <label key={d.symbol} className="check">
              <input
                type="checkbox"
                checked={values.symbols.includes(d.symbol)}
                onChange={(e) =>
                  onChange({ symbols: toggle(values.symbols, d.symbol, e.target.checked) })
                }
              />
              <span className="mono">{d.symbol}</span>
              <span className="muted small num"> {fmtInt(d.ticks)} ticks</span>
            </label>
          ))}
        </div>
        {problems.symbols && <span className="field-error">{problems.symbols}</span>}
      </fieldset>
      {range.length > 0 && (
        <p className="hint">
          Data from {fmtUtc(Math.min(...range.map((d) => d.first)), false)} to{' '}
          {fmtUtc(Math.max(...range.map((d) => d.last)), false)} UTC
        </p>
      )}
      <div className="form-grid">
        {(['from', 'to'] as const).map((k) => (
          <Field
            key={k}
            id={fid(k)}
            label={k === 'from' ? 'From' : 'To'}
            problem={problems[k]}
            hint="Optional, UTC"
          >
            <input
              id={fid(k)}
              type="date"
              value={values[k]}
              onChange={(e) => onChange({ [k]: e.target.value })}
              {...invalidProps(fid(k), problems[k])}
            />
          </Field>
        ))}
      </div>
      <fieldset className="field">
        <legend>Timeframes</legend>
        <div className="checks inline">
          {TIMEFRAMES.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                checked={values.timeframes.includes(t)}
                onChange={(e) =>
                  onChange({ timeframes: toggle(values.timeframes, t, e.target.checked) })
                }
              />
              {t}
            </label>
          ))}
        </div>
        {problems.timeframes ? (
          <span className="field-error">{problems.timeframes}</span>
        ) : (
          <span className="hint">A strategy adds the timeframes it needs</span>
        )}
      </fieldset>
      <RecordField
        value={values.record}
        problem={problems.record}
        onChange={(record) => onChange({ record })}
      />
    </section>
  );
}
