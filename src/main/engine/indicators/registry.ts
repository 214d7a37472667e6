/**
 * Indicator registry: spec strings -> instances.
 *
 * A spec is `name(arg,...)`, case-insensitive, whitespace tolerant. A bare name or `name()` uses
 * every default ('rsi' -> 'rsi(14)'); otherwise all arguments must be given. The canonical spec
 * is lowercase, without spaces, numbers printed with String(x) ('sar(0.02,0.2)'); indicators
 * without parameters are just their name ('obv', 'vwap').
 *
 * Parameter ranges follow TA-Lib's own checks for the TA-Lib indicators (periods are integers,
 * e.g. SMA/EMA/RSI/... n >= 2, ATR n >= 1, MACD signal >= 1), plus fast < slow for MACD and
 * 0 < step <= max for SAR (TA-Lib would silently swap / clamp those). Periods are capped at
 * 100000 like TA-Lib.
 */
import type { Indicator } from './types.ts';
import { SMA } from './trend/sma.ts';
import { EMA } from './trend/ema.ts';
import { WMA } from './trend/wma.ts';
import { DEMA } from './trend/dema.ts';
import { TEMA } from './trend/tema.ts';
import { MACD } from './trend/macd.ts';
import { ADX } from './trend/adx.ts';
import { SAR } from './trend/sar.ts';
import { RSI } from './momentum/rsi.ts';
import { STOCH } from './momentum/stoch.ts';
import { WILLR } from './momentum/willr.ts';
import { CCI } from './momentum/cci.ts';
import { ATR } from './volatility/atr.ts';
import { BBANDS } from './volatility/bbands.ts';
import { Keltner } from './volatility/keltner.ts';
import { Donchian } from './volatility/donchian.ts';
import { OBV } from './volume/obv.ts';
import { VWAP } from './volume/vwap.ts';

export class IndicatorSpecError extends Error {
  readonly spec: string;
  constructor(spec: string, problem: string) {
    super(`invalid indicator spec '${spec}': ${problem}; valid: ${validSpecsText()}`);
    this.name = 'IndicatorSpecError';
    this.spec = spec;
  }
}

export interface IndicatorParam {
  readonly name: string;
  readonly integer: boolean;
  readonly default: number;
  readonly min: number;
  /** true when the value must be strictly greater than min. */
  readonly exclusiveMin?: boolean;
  readonly max?: number;
}

export interface IndicatorDefinition {
  readonly name: string;
  readonly params: readonly IndicatorParam[];
}

interface Entry extends IndicatorDefinition {
  /** Cross-parameter rule; returns the problem or undefined. */
  readonly check?: (args: readonly number[]) => string | undefined;
  readonly create: (args: readonly number[]) => Indicator;
}

const MAX_PERIOD = 100_000;
const period = (name: string, def: number, min = 2): IndicatorParam => ({
  name,
  integer: true,
  default: def,
  min,
  max: MAX_PERIOD,
});
const positive = (name: string, def: number): IndicatorParam => ({
  name,
  integer: false,
  default: def,
  min: 0,
  exclusiveMin: true,
});

// args are validated before create() runs, so the `!` below are safe.
const ENTRIES: readonly Entry[] = [
  { name: 'sma', params: [period('n', 20)], create: (a) => new SMA(a[0]!) },
  { name: 'ema', params: [period('n', 20)], create: (a) => new EMA(a[0]!) },
  { name: 'wma', params: [period('n', 20)], create: (a) => new WMA(a[0]!) },
  { name: 'dema', params: [period('n', 20)], create: (a) => new DEMA(a[0]!) },
  { name: 'tema', params: [period('n', 20)], create: (a) => new TEMA(a[0]!) },
  { name: 'rsi', params: [period('n', 14)], create: (a) => new RSI(a[0]!) },
  {
    name: 'bbands',
    params: [period('n', 20), positive('k', 2)],
    create: (a) => new BBANDS(a[0]!, a[1]!),
  },
  {
    name: 'macd',
    params: [period('fast', 12), period('slow', 26), period('signal', 9, 1)],
    check: (a) => (a[0]! < a[1]! ? undefined : 'macd needs fast < slow'),
    create: (a) => new MACD(a[0]!, a[1]!, a[2]!),
  },
  {
    name: 'stoch',
    params: [period('k', 14, 1), period('smoothK', 3, 1), period('d', 3, 1)],
    create: (a) => new STOCH(a[0]!, a[1]!, a[2]!),
  },
  { name: 'willr', params: [period('n', 14)], create: (a) => new WILLR(a[0]!) },
  { name: 'cci', params: [period('n', 14)], create: (a) => new CCI(a[0]!) },
  { name: 'atr', params: [period('n', 14, 1)], create: (a) => new ATR(a[0]!) },
  { name: 'adx', params: [period('n', 14)], create: (a) => new ADX(a[0]!) },
  {
    name: 'sar',
    params: [positive('step', 0.02), positive('max', 0.2)],
    check: (a) => (a[0]! <= a[1]! ? undefined : 'sar needs step <= max'),
    create: (a) => new SAR(a[0]!, a[1]!),
  },
  { name: 'obv', params: [], create: () => new OBV() },
  { name: 'vwap', params: [], create: () => new VWAP() },
  {
    name: 'keltner',
    params: [period('n', 20, 1), positive('mult', 2)],
    create: (a) => new Keltner(a[0]!, a[1]!),
  },
  { name: 'donchian', params: [period('n', 20, 1)], create: (a) => new Donchian(a[0]!) },
];
const BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]));

/** Names, parameters and defaults of every indicator (for help texts and pickers). */
export const indicatorCatalog: readonly IndicatorDefinition[] = ENTRIES.map(({ name, params }) => ({
  name,
  params,
}));

function validSpecsText(): string {
  return ENTRIES.map((e) =>
    e.params.length === 0
      ? e.name
      : `${e.name}(${e.params.map((p) => `${p.name}=${p.default}`).join(',')})`,
  ).join(', ');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPEC = /^\s*([a-z][a-z0-9_]*)\s*(?:\((.*)\))?\s*$/;

/** Parses and validates one spec; returns the entry and its full argument list. */
function resolve(spec: string): { entry: Entry; args: number[] } {
  if (typeof spec !== 'string') throw new IndicatorSpecError(String(spec), 'a spec is a string');
  const m = SPEC.exec(spec.toLowerCase());
  if (!m) throw new IndicatorSpecError(spec, 'expected name or name(arg,...)');
  const entry = BY_NAME.get(m[1]!);
  if (!entry) throw new IndicatorSpecError(spec, `unknown indicator '${m[1]}'`);
  const raw = m[2] === undefined || m[2].trim() === '' ? [] : m[2].split(',').map((r) => r.trim());
  if (raw.length === 0) return { entry, args: entry.params.map((p) => p.default) };
  if (raw.length !== entry.params.length) {
    throw new IndicatorSpecError(
      spec,
      `${entry.name} takes ${entry.params.length} argument(s), got ${raw.length}`,
    );
  }
  const args = raw.map((r, i) => {
    const p = entry.params[i]!;
    if (!NUMBER.test(r)) throw new IndicatorSpecError(spec, `${p.name} '${r}' is not a number`);
    const v = Number(r);
    if (!Number.isFinite(v)) throw new IndicatorSpecError(spec, `${p.name} must be finite`);
    if (p.integer && !Number.isInteger(v))
      throw new IndicatorSpecError(spec, `${p.name} must be an integer`);
    if (p.exclusiveMin ? v <= p.min : v < p.min) {
      throw new IndicatorSpecError(
        spec,
        `${p.name} must be ${p.exclusiveMin ? '>' : '>='} ${p.min}`,
      );
    }
    if (p.max !== undefined && v > p.max)
      throw new IndicatorSpecError(spec, `${p.name} must be <= ${p.max}`);
    return v;
  });
  const problem = entry.check?.(args);
  if (problem) throw new IndicatorSpecError(spec, problem);
  return { entry, args };
}

function canonical(entry: Entry, args: readonly number[]): string {
  return args.length === 0 ? entry.name : `${entry.name}(${args.map((a) => String(a)).join(',')})`;
}

/** Canonical form of a spec ('RSI' -> 'rsi(14)', 'bbands( 20 , 2.0 )' -> 'bbands(20,2)'). */
export function canonicalSpec(spec: string): string {
  const { entry, args } = resolve(spec);
  return canonical(entry, args);
}

/** Creates an indicator; throws IndicatorSpecError (listing the valid specs) on a bad spec. */
export function createIndicator(spec: string): Indicator {
  const { entry, args } = resolve(spec);
  const indicator = entry.create(args);
  if (indicator.spec !== canonical(entry, args))
    throw new Error(`registry: ${indicator.spec} != ${spec}`);
  return indicator;
}

/**
 * Splits a comma-separated list at top-level commas (commas inside parentheses belong to the
 * spec) and returns the canonical specs: "ema(20), RSI ,bbands(20,2)" ->
 * ['ema(20)', 'rsi(14)', 'bbands(20,2)']. An empty / blank list gives []. Empty items,
 * unbalanced parentheses and duplicates (after canonicalisation) are IndicatorSpecErrors.
 */
export function parseIndicatorList(list: string): string[] {
  if (list.trim() === '') return [];
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) throw new IndicatorSpecError(list, `unbalanced ')' at ${i}`);
    } else if (c === ',' && depth === 0) {
      items.push(list.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw new IndicatorSpecError(list, 'unbalanced "("');
  items.push(list.slice(start));
  const specs: string[] = [];
  for (const item of items) {
    if (item.trim() === '') throw new IndicatorSpecError(list, 'empty item in list');
    const spec = canonicalSpec(item.trim());
    if (specs.includes(spec)) throw new IndicatorSpecError(list, `duplicate indicator ${spec}`);
    specs.push(spec);
  }
  return specs;
}
