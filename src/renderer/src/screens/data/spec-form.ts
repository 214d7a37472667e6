/**
 * The spec editor's form as plain data: every field as the text typed, parsed back into a spec
 * and checked with the same rules the backend applies (shared/symbol-spec-rules.ts), so a mistake
 * shows next to its field before anything is sent. The backend checks again.
 */
import { symbolSpecProblems } from '../../../../shared/symbol-spec-rules.ts';
import { WEEKDAYS, type SymbolSpec } from '../../../../shared/symbol-spec.ts';

export type SpecField = keyof SymbolSpec;
export type SpecDraft = Record<SpecField, string>;
export type SpecProblems = Partial<Record<SpecField, string>>;

/** Field order and labels of the form. */
export const SPEC_FIELDS: { field: SpecField; label: string; hint: string }[] = [
  { field: 'digits', label: 'Digits', hint: 'decimals of a price' },
  { field: 'pipSize', label: 'Pip size', hint: 'EURUSD 0.0001, USDJPY 0.01' },
  { field: 'contractSize', label: 'Contract size', hint: 'units of the base per lot' },
  { field: 'base', label: 'Base currency', hint: 'e.g. EUR' },
  { field: 'quote', label: 'Quote currency', hint: 'prices and P&L are in it' },
  { field: 'swapLong', label: 'Swap long', hint: 'per lot a night; negative: you pay' },
  { field: 'swapShort', label: 'Swap short', hint: 'per lot a night; negative: you pay' },
  { field: 'swapMode', label: 'Swap in', hint: 'points of price, or account money' },
  { field: 'tripleSwapDay', label: 'Triple swap day', hint: 'charges three nights' },
  { field: 'marginRate', label: 'Margin rate', hint: '1 = notional / leverage' },
];

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export function draftOf(spec: SymbolSpec): SpecDraft {
  return {
    digits: String(spec.digits),
    pipSize: String(spec.pipSize),
    contractSize: String(spec.contractSize),
    base: spec.base,
    quote: spec.quote,
    swapLong: String(spec.swapLong),
    swapShort: String(spec.swapShort),
    swapMode: spec.swapMode,
    tripleSwapDay: WEEKDAYS[spec.tripleSwapDay],
    marginRate: String(spec.marginRate),
  };
}

const NUMERIC: SpecField[] = [
  'digits',
  'pipSize',
  'contractSize',
  'swapLong',
  'swapShort',
  'marginRate',
];

/** The spec the draft describes, or the problem of each field that is wrong. */
export function parseDraft(
  d: SpecDraft,
): { spec: SymbolSpec; problems: null } | { spec: null; problems: SpecProblems } {
  const problems: SpecProblems = {};
  const out: Record<string, unknown> = {
    base: d.base.trim().toUpperCase(),
    quote: d.quote.trim().toUpperCase(),
    swapMode: d.swapMode,
    tripleSwapDay: WEEKDAYS.indexOf(d.tripleSwapDay as (typeof WEEKDAYS)[number]),
  };
  for (const f of NUMERIC) {
    const t = d[f].trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) problems[f] = 'A number';
    else if (f === 'digits' && !Number.isInteger(n)) problems[f] = 'A whole number';
    else out[f] = n;
  }
  if (Object.keys(problems).length === 0) {
    for (const p of symbolSpecProblems(out)) problems[p.field] ??= sentence(p.message);
  }
  return Object.keys(problems).length === 0
    ? { spec: out as SymbolSpec, problems: null }
    : { spec: null, problems };
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
