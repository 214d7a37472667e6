/**
 * The number inputs of the New backtest form (account and checkpoint policy), described as data:
 * one labelled field per entry, its value kept as typed text (form.ts parses it on submit).
 */
import { Field, invalidProps } from '../../components/Field.tsx';

export type NumberKey =
  | 'balance'
  | 'commission'
  | 'slippage'
  | 'leverage'
  | 'stopOut'
  | 'contractSize'
  | 'intervalSec'
  | 'everyTicks'
  | 'keep';

/** How the input takes its number: keyboard, lower bound and step. */
interface NumberInput {
  inputMode: 'decimal' | 'numeric';
  min: number;
  step: number | 'any';
}

export interface NumberSpec extends NumberInput {
  key: NumberKey;
  label: string;
  hint: string;
}

const DECIMAL: NumberInput = { inputMode: 'decimal', min: 0, step: 'any' };
const SECONDS: NumberInput = { inputMode: 'numeric', min: 0, step: 'any' };
const COUNT: NumberInput = { inputMode: 'numeric', min: 0, step: 1 };
const AT_LEAST_ONE: NumberInput = { ...COUNT, min: 1 };

function numberSpec(key: NumberKey, label: string, hint: string, input: NumberInput): NumberSpec {
  return { key, label, hint, ...input };
}

export const ACCOUNT_FIELDS: NumberSpec[] = [
  numberSpec('balance', 'Balance', 'Starting balance, account currency', DECIMAL),
  numberSpec('commission', 'Commission per lot', 'Per lot and side', DECIMAL),
  numberSpec('slippage', 'Slippage', 'Price units per fill', DECIMAL),
];

/** Broker fields beside the account currency (MoneyFields.tsx). */
export const MONEY_FIELDS: NumberSpec[] = [
  numberSpec('leverage', 'Leverage (1:N)', '0 = unlimited (no margin)', DECIMAL),
  numberSpec('stopOut', 'Stop-out (%)', 'Margin level that closes positions', DECIMAL),
  numberSpec('contractSize', 'Contract size override', "Empty = each symbol's spec", DECIMAL),
];

export const CHECKPOINT_FIELDS: NumberSpec[] = [
  numberSpec('intervalSec', 'Checkpoint interval (s)', 'Wall-clock seconds; 0 = off', SECONDS),
  numberSpec('everyTicks', 'Checkpoint every N ticks', '0 = off', COUNT),
  numberSpec(
    'keep',
    'Keep checkpoints',
    'Newest kept (plus one per 10% of progress)',
    AT_LEAST_ONE,
  ),
];

export function NumberField({
  id,
  spec,
  value,
  problem,
  disabled,
  onChange,
}: {
  id: string;
  spec: NumberSpec;
  value: string;
  problem: string | undefined;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={spec.label} problem={problem} hint={spec.hint}>
      <input
        id={id}
        type="number"
        className="num"
        inputMode={spec.inputMode}
        min={spec.min}
        step={spec.step}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps(id, problem)}
      />
    </Field>
  );
}
