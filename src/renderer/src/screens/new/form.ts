/**
 * The New backtest form as plain data: raw field text in, a typed `runs:start` request or
 * per-field problems out. No React here, so the rules are easy to read and test.
 */
import type { ArgsOf } from '../../../../shared/contract.ts';
import type { ParamSpecDto } from '../../../../shared/dto.ts';
import { isIsoDate } from '../../components/iso-date.ts';
import { RECORD_KINDS, type RecordKind } from '../../../../shared/record-kinds.ts';
import { buildMoney, MONEY_DEFAULTS, type MoneyFormValues } from './money-form.ts';

export type RunStartArgs = ArgsOf<'runs:start'>;
export type Timeframe = NonNullable<RunStartArgs['timeframes']>[number];
export type PriceSource = NonNullable<RunStartArgs['price']>;
export type ParamValue = number | boolean | string;
/** What a param input holds: text for numbers and strings, a boolean for checkboxes. */
export type RawParam = string | boolean;

export const TIMEFRAMES = [
  'M1',
  'M5',
  'M15',
  'M30',
  'H1',
  'H4',
  'D1',
  'W1',
] as const satisfies readonly Timeframe[];
export const PRICE_SOURCES = ['bid', 'ask', 'mid'] as const satisfies readonly PriceSource[];

export interface FormValues extends MoneyFormValues {
  symbols: string[];
  from: string;
  to: string;
  timeframes: Timeframe[];
  indicators: string;
  /** '' = no strategy: bars and indicators only. */
  strategy: string;
  params: Record<string, RawParam>;
  price: PriceSource;
  balance: string;
  commission: string;
  slippage: string;
  /** What the run stores; all three by default. */
  record: RecordKind[];
  checkpoints: boolean;
  intervalSec: string;
  everyTicks: string;
  keep: string;
}

/** The backend's defaults (run-config.ts, checkpoint-manager.ts). */
export const DEFAULTS: Omit<FormValues, 'symbols' | 'strategy' | 'params'> = {
  from: '',
  to: '',
  timeframes: [...TIMEFRAMES],
  indicators: '',
  price: 'bid',
  balance: '10000',
  ...MONEY_DEFAULTS,
  commission: '0',
  slippage: '0',
  record: [...RECORD_KINDS],
  checkpoints: true,
  intervalSec: '60',
  everyTicks: '1000000',
  keep: '5',
};
const CHECKPOINT_LEVEL = 3;

export type Problems = Record<string, string>;

/** `ema(20),rsi,bbands(20,2)` → ['ema(20)', 'rsi', 'bbands(20,2)']: commas inside () stay. */
export function splitIndicators(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (i === text.length || (c === ',' && depth === 0)) {
      const item = text.slice(start, i).trim();
      if (item) items.push(item);
      start = i + 1;
    }
  }
  return items;
}

export function paramDefaults(specs: readonly ParamSpecDto[]): Record<string, RawParam> {
  return Object.fromEntries(
    specs.map((s) => [s.name, typeof s.default === 'boolean' ? s.default : String(s.default)]),
  );
}

/** The choices a string or timeframe param offers (a free text field when null). */
export function paramChoices(spec: ParamSpecDto): readonly string[] | null {
  if (spec.choices && spec.choices.length > 0) return spec.choices;
  return spec.type === 'timeframe' ? TIMEFRAMES : null;
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}

export function parseParam(
  spec: ParamSpecDto,
  raw: RawParam | undefined,
): { value: ParamValue } | { problem: string } {
  const given = raw ?? (typeof spec.default === 'boolean' ? spec.default : String(spec.default));
  switch (spec.type) {
    case 'boolean':
      return { value: given === true || given === 'true' };
    case 'number':
    case 'integer': {
      const text = String(given).trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) return { problem: 'Enter a number' };
      if (spec.type === 'integer' && !Number.isInteger(n)) return { problem: 'A whole number' };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
        return { problem: `Must be ${rangeText(spec.min, spec.max)}` };
      return { value: n };
    }
    case 'string':
    case 'timeframe': {
      const text = String(given);
      const choices = paramChoices(spec);
      if (choices && !choices.includes(text)) return { problem: `One of ${choices.join(', ')}` };
      return { value: text };
    }
  }
}

function num(
  problems: Problems,
  field: string,
  text: string,
  check: { min?: number; positive?: boolean; integer?: boolean; max?: number },
): number {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) problems[field] = 'Enter a number';
  else if (check.integer && !Number.isInteger(n)) problems[field] = 'A whole number';
  else if (check.positive && !(n > 0)) problems[field] = 'Must be more than 0';
  else if (check.min !== undefined && n < check.min) problems[field] = `At least ${check.min}`;
  else if (check.max !== undefined && n > check.max) problems[field] = `At most ${check.max}`;
  return n;
}

/** The request for runs:start, or what to fix (keys: field names, `param.<name>` for params). */
export function buildRequest(
  v: FormValues,
  specs: readonly ParamSpecDto[],
): { request: RunStartArgs; problems: null } | { request: null; problems: Problems } {
  const problems: Problems = {};
  if (v.symbols.length === 0) problems.symbols = 'Pick at least one symbol';
  if (v.from && !isIsoDate(v.from)) problems.from = 'A date, e.g. 2024-01-01';
  if (v.to && !isIsoDate(v.to)) problems.to = 'A date, e.g. 2024-01-31';
  if (v.from && v.to && !problems.from && !problems.to && v.from >= v.to)
    problems.to = 'Must be after From';
  if (v.timeframes.length === 0) problems.timeframes = 'Pick at least one timeframe';
  const indicators = splitIndicators(v.indicators);
  if (indicators.some((s) => s.length > 64)) problems.indicators = 'An indicator is too long';
  else if (/[()]/.test(v.indicators) && !balanced(v.indicators))
    problems.indicators = 'Unbalanced parentheses';

  const params: Record<string, ParamValue> = {};
  if (v.strategy) {
    for (const spec of specs) {
      const r = parseParam(spec, v.params[spec.name]);
      if ('problem' in r) problems[`param.${spec.name}`] = r.problem;
      else params[spec.name] = r.value;
    }
  }

  if (v.record.length === 0) problems.record = 'Record at least one of them';

  const balance = num(problems, 'balance', v.balance, { positive: true });
  const commissionPerLot = num(problems, 'commission', v.commission, { min: 0 });
  const slippage = num(problems, 'slippage', v.slippage, { min: 0 });
  const money = buildMoney(v, problems);

  let checkpoints: RunStartArgs['checkpoints'] = null;
  if (v.checkpoints) {
    const sec = num(problems, 'intervalSec', v.intervalSec, { min: 0, max: 86_400 });
    const everyTicks = num(problems, 'everyTicks', v.everyTicks, { min: 0, integer: true });
    const keep = num(problems, 'keep', v.keep, { min: 1, max: 1000, integer: true });
    checkpoints = { intervalMs: Math.round(sec * 1000), everyTicks, keep, level: CHECKPOINT_LEVEL };
  }

  if (Object.keys(problems).length > 0) return { request: null, problems };
  return {
    problems: null,
    request: {
      symbols: [...v.symbols],
      from: v.from || null,
      to: v.to || null,
      timeframes: TIMEFRAMES.filter((t) => v.timeframes.includes(t)),
      indicators,
      price: v.price,
      strategy: v.strategy || null,
      ...(v.strategy ? { params } : {}),
      account: { balance, commissionPerLot, slippage },
      money,
      // Only a choice that leaves something out: a default request is as it always was.
      ...(v.record.length < RECORD_KINDS.length
        ? { record: RECORD_KINDS.filter((k) => v.record.includes(k)) }
        : {}),
      checkpoints,
    },
  };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
