/**
 * What every job of a sweep runs on: symbols, dates, timeframes and what each job records —
 * the New backtest form's own field components, without the account and
 * checkpoint panels (a sweep uses the defaults for those).
 */
import type { SymbolSummary } from '../../../../shared/dto.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import { IsoDateInput } from '../../components/IsoDateInput.tsx';
import { RecordField } from '../new/RecordField.tsx';
import { SymbolsField } from '../new/SymbolsField.tsx';
import { TimeframesField } from '../new/TimeframesField.tsx';
import type { Problems, SweepFormValues } from './sweep-form.ts';

type Values = Pick<SweepFormValues, 'symbols' | 'from' | 'to' | 'timeframes' | 'record'>;

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
  return (
    <section className="panel form">
      <h2>Market</h2>
      <SymbolsField
        id={fid('symbols')}
        dataSets={dataSets}
        value={values.symbols}
        problem={problems.symbols}
        onChange={(symbols) => onChange({ symbols })}
      />
      <div className="form-grid">
        {(['from', 'to'] as const).map((k) => (
          <Field
            key={k}
            id={fid(k)}
            label={k === 'from' ? 'From' : 'To'}
            problem={problems[k]}
            hint="Optional, UTC"
          >
            <IsoDateInput
              id={fid(k)}
              value={values[k]}
              onChange={(v) => onChange({ [k]: v })}
              {...invalidProps(fid(k), problems[k])}
            />
          </Field>
        ))}
      </div>
      <TimeframesField
        value={values.timeframes}
        problem={problems.timeframes}
        onChange={(timeframes) => onChange({ timeframes })}
      />
      <RecordField
        value={values.record}
        problem={problems.record}
        onChange={(record) => onChange({ record })}
      />
    </section>
  );
}
