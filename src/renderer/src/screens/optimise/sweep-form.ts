/**
 * The Optimise form as plain data: raw field text in, a typed SweepSpec (what `sweeps:plan` and
 * `sweeps:start` take) or per-field problems out. No React here, so the rules are easy to read
 * and test. Param rules come from the strategy's schema, like the New backtest form (new/form.ts):
 * a param is either Fixed (one value, parsed by parseParam) or Swept (a range or a list).
 */
import type { ArgsOf } from '../../../../shared/contract.ts';
import type { ParamSpecDto } from '../../../../shared/dto.ts';
import { isIsoDate } from '../../components/iso-date.ts';
import { RECORD_KINDS, type RecordKind } from '../../../../shared/record-kinds.ts';
import type { ParamValue, SweepObjective, SweptParam } from '../../../../shared/sweeps.ts';
import {
  TIMEFRAMES,
  paramChoices,
  parseParam,
  type RawParam,
  type Timeframe,
} from '../new/form.ts';
import {
  buildMoney,
  isDefaultMoney,
  MONEY_DEFAULTS,
  type MoneyFormValues,
} from '../new/money-form.ts';

/** How one param of the schema takes part in the sweep. */
export interface ParamSetting {
  swept: boolean;
  /** Fixed: the value, as the New backtest form holds it. */
  fixed: RawParam;
  /** Swept number or integer: from:to:step, as typed. */
  from: string;
  to: string;
  step: string;
  /** Swept boolean / choice / timeframe: the values ticked, as text. */
  values: string[];
}

export interface SweepFormValues extends MoneyFormValues {
  symbols: string[];
  /** '' or YYYY-MM-DD (UTC midnight, like the CLI's --from/--to). */
  from: string;
  to: string;
  timeframes: Timeframe[];
  record: RecordKind[];
  strategy: string;
  params: Record<string, ParamSetting>;
  objective: SweepObjective;
  minTrades: string;
  search: 'grid' | 'random';
  samples: string;
  seed: string;
  walkForward: boolean;
  inSampleDays: string;
  outOfSampleDays: string;
  /** '' = the backend's default (the number of cores). */
  workers: string;
}

export const SWEEP_DEFAULTS: Omit<SweepFormValues, 'symbols' | 'strategy' | 'params'> = {
  from: '',
  to: '',
  timeframes: [...TIMEFRAMES],
  // A sweep's jobs record what its results need (design A); bars are seldom worth the disk.
  record: ['trades', 'equity'],
  objective: 'net-profit',
  minTrades: '1',
  search: 'grid',
  samples: '20',
  seed: '1',
  walkForward: false,
  inSampleDays: '90',
  outOfSampleDays: '30',
  workers: '',
  ...MONEY_DEFAULTS,
};

export type Problems = Record<string, string>;
/** A SweepSpec as the contract takes it (its timeframes typed as the schema's enum). */
export type SweepSpecArgs = ArgsOf<'sweeps:start'>['spec'];

const DAY_MS = 86_400_000;

/** Whether a param can be swept over a checkbox list (a free-text string cannot). */
export function listChoices(spec: ParamSpecDto): readonly string[] | null {
  return spec.type === 'boolean' ? ['false', 'true'] : paramChoices(spec);
}

export const canSweep = (spec: ParamSpecDto): boolean =>
  spec.type === 'number' || spec.type === 'integer' || listChoices(spec) !== null;

/** A param's setting before the user touches it: fixed at its default, a one-value sweep. */
export function defaultSetting(spec: ParamSpecDto): ParamSetting {
  const text = String(spec.default);
  return {
    swept: false,
    fixed: typeof spec.default === 'boolean' ? spec.default : text,
    from: text,
    to: text,
    step: '1',
    values: [text],
  };
}

export function settingOf(values: SweepFormValues, spec: ParamSpecDto): ParamSetting {
  return values.params[spec.name] ?? defaultSetting(spec);
}

function int(problems: Problems, key: string, text: string, min: number, max: number): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) problems[key] = 'A whole number';
  else if (n < min || n > max) problems[key] = `From ${min} to ${max}`;
  return n;
}

/** A swept number param as a from:to:step range, checked against the schema's bounds. */
function sweptRange(spec: ParamSpecDto, s: ParamSetting, problems: Problems): SweptParam | null {
  const key = `param.${spec.name}`;
  const nums = [s.from, s.to, s.step].map((t) => (t.trim() === '' ? NaN : Number(t)));
  const [from, to, step] = nums as [number, number, number];
  if (!nums.every(Number.isFinite)) problems[key] = 'Enter from, to and step';
  else if (spec.type === 'integer' && !nums.every(Number.isInteger))
    problems[key] = 'Whole numbers only';
  else if (!(step > 0)) problems[key] = 'Step must be more than 0';
  else if (to < from) problems[key] = 'To must not be below From';
  else if (spec.min !== undefined && from < spec.min) problems[key] = `From is below ${spec.min}`;
  else if (spec.max !== undefined && to > spec.max) problems[key] = `To is above ${spec.max}`;
  if (problems[key]) return null;
  return { name: spec.name, kind: 'range', from, to, step };
}

/** A swept choice param as a list, in the schema's order (the order jobs are planned in). */
function sweptList(spec: ParamSpecDto, s: ParamSetting, problems: Problems): SweptParam | null {
  const choices = listChoices(spec) ?? [];
  const picked = choices.filter((c) => s.values.includes(c));
  if (picked.length === 0) {
    problems[`param.${spec.name}`] = 'Tick at least one value';
    return null;
  }
  const values: ParamValue[] = picked.map((c) => (spec.type === 'boolean' ? c === 'true' : c));
  return { name: spec.name, kind: 'list', values };
}

/** The spec and workers for sweeps:plan / sweeps:start, or what to fix. */
export function buildSweepSpec(
  v: SweepFormValues,
  specs: readonly ParamSpecDto[],
): { spec: SweepSpecArgs; workers: number | undefined; problems: null } | { problems: Problems } {
  const problems: Problems = {};
  if (!v.strategy) problems.strategy = 'Pick the strategy to optimise';
  if (v.symbols.length === 0) problems.symbols = 'Pick at least one symbol';
  if (v.from && !isIsoDate(v.from)) problems.from = 'A date, e.g. 2024-01-01';
  if (v.to && !isIsoDate(v.to)) problems.to = 'A date, e.g. 2024-01-31';
  if (v.from && v.to && !problems.from && !problems.to && v.from >= v.to)
    problems.to = 'Must be after From';
  if (v.timeframes.length === 0) problems.timeframes = 'Pick at least one timeframe';
  if (v.record.length === 0) problems.record = 'Record at least one of them';

  const fixed: Record<string, ParamValue> = {};
  const params: SweptParam[] = [];
  for (const spec of specs) {
    const s = settingOf(v, spec);
    if (s.swept && canSweep(spec)) {
      const p = listChoices(spec) ? sweptList(spec, s, problems) : sweptRange(spec, s, problems);
      if (p) params.push(p);
    } else {
      const r = parseParam(spec, s.fixed);
      if ('problem' in r) problems[`param.${spec.name}`] = r.problem;
      else fixed[spec.name] = r.value;
    }
  }
  if (v.strategy && !specs.some((spec) => settingOf(v, spec).swept && canSweep(spec)))
    problems.params = 'Sweep at least one param';

  const minTrades = int(problems, 'minTrades', v.minTrades, 0, 1_000_000);
  const samples = v.search === 'random' ? int(problems, 'samples', v.samples, 1, 100_000) : 0;
  const seed = v.search === 'random' ? int(problems, 'seed', v.seed, 0, 2 ** 32 - 1) : 0;
  const isDays = v.walkForward ? int(problems, 'inSampleDays', v.inSampleDays, 1, 3660) : 0;
  const oosDays = v.walkForward ? int(problems, 'outOfSampleDays', v.outOfSampleDays, 1, 3660) : 0;
  const workers = v.workers.trim() === '' ? undefined : int(problems, 'workers', v.workers, 1, 64);
  const money = buildMoney(v, problems);

  if (Object.keys(problems).length > 0) return { problems };
  const spec: SweepSpecArgs = {
    base: {
      symbols: [...v.symbols],
      from: v.from ? Date.parse(`${v.from}T00:00:00Z`) : null,
      to: v.to ? Date.parse(`${v.to}T00:00:00Z`) : null,
      // All timeframes is the run default: leave it out so the spec equals the CLI's.
      ...(v.timeframes.length < TIMEFRAMES.length
        ? { timeframes: TIMEFRAMES.filter((t) => v.timeframes.includes(t)) }
        : {}),
      strategy: v.strategy,
      fixed,
      record: RECORD_KINDS.filter((k) => v.record.includes(k)),
      // Default broker settings are the run default: left out, like the CLI's spec.
      ...(isDefaultMoney(money) ? {} : { money }),
    },
    params,
    search: v.search === 'random' ? { kind: 'random', samples, seed } : { kind: 'grid' },
    objective: v.objective,
    minTrades,
    walkForward: v.walkForward
      ? { inSampleMs: isDays * DAY_MS, outOfSampleMs: oosDays * DAY_MS }
      : null,
  };
  return { spec, workers, problems: null };
}
