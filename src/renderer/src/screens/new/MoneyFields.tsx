/**
 * The broker fields of the New backtest and Optimise forms: account currency (text), leverage,
 * stop-out and the contract size override (numbers). Values are kept as typed text; money-form.ts
 * parses them on submit.
 */
import { Field, invalidProps } from '../../components/Field.tsx';
import type { MoneyFormValues } from './money-form.ts';
import { MONEY_FIELDS, NumberField } from './NumberField.tsx';

export function MoneyFields({
  id,
  values,
  problems,
  onChange,
}: {
  id: string;
  values: MoneyFormValues;
  problems: Record<string, string>;
  onChange: (key: keyof MoneyFormValues, value: string) => void;
}) {
  const currencyId = `${id}-currency`;
  return (
    <>
      <Field
        id={currencyId}
        label="Account currency"
        problem={problems.currency}
        hint="Empty = the first symbol's quote currency"
      >
        <input
          id={currencyId}
          type="text"
          maxLength={3}
          placeholder="USD"
          value={values.currency}
          onChange={(e) => onChange('currency', e.target.value)}
          {...invalidProps(currencyId, problems.currency)}
        />
      </Field>
      {MONEY_FIELDS.map((spec) => (
        <NumberField
          key={spec.key}
          id={`${id}-${spec.key}`}
          spec={spec}
          value={values[spec.key as keyof MoneyFormValues]}
          problem={problems[spec.key]}
          onChange={(value) => onChange(spec.key as keyof MoneyFormValues, value)}
        />
      ))}
    </>
  );
}
