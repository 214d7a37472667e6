/**
 * Strategy parameters: the one place that checks values against a strategy's ParamSpec list, for
 * the CLI (`--param fast=12`), the app's form (already-typed values) and a user strategy's own
 * declared schema. Every error names the param, the value and what is allowed, because a trader
 * reads it without the strategy's source at hand.
 */
import { isTimeframe, TIMEFRAMES } from '../mtf/timeframes.ts';
import type { ParamSpec, ParamValues } from './types.ts';

export class StrategyParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyParamError';
  }
}

type ParamValue = ParamValues[string];

const TYPES: readonly ParamSpec['type'][] = ['number', 'integer', 'boolean', 'string', 'timeframe'];
const SPEC_KEYS = ['name', 'type', 'default', 'min', 'max', 'choices', 'description', 'label'];
/** A label is one short line of a form; longer text belongs in the description. */
const MAX_LABEL = 60;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

/** What a param accepts besides its type: '2..1000', '>= 0', 'ema|sma', 'M1..W1', or ''. */
export function paramRange(spec: ParamSpec): string {
  if (spec.type === 'timeframe') return `${TIMEFRAMES[0]}..${TIMEFRAMES[TIMEFRAMES.length - 1]}`;
  if (spec.type === 'string') return spec.choices?.join('|') ?? '';
  if (spec.type === 'boolean') return '';
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min}..${spec.max}`;
  if (spec.min !== undefined) return `>= ${spec.min}`;
  if (spec.max !== undefined) return `<= ${spec.max}`;
  return '';
}

/** The default as a help text shows it; '' for an empty string, which would else be invisible. */
export function paramDefaultText(spec: ParamSpec): string {
  return spec.default === '' ? "''" : String(spec.default);
}

/** 'fast (integer, default 10, 2..1000)': one param in an error or help text. */
export function describeParam(spec: ParamSpec): string {
  const range = paramRange(spec);
  return `${spec.name} (${spec.type}, default ${paramDefaultText(spec)}${range ? `, ${range}` : ''})`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** With the type when it is not the one expected: the app's form passes typed values. */
function showTyped(value: unknown): string {
  return typeof value === 'string' ? `'${value}' (a string)` : show(value);
}

/**
 * Why `value` is not acceptable for `spec` ("must be ..., got ..."), or undefined when it is.
 * Values are checked as they are: no conversion from text.
 */
function problemWith(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `must be a ${spec.type === 'integer' ? 'whole' : 'finite'} number, got ${showTyped(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value))
        return `must be a whole number, got ${value}`;
      const outside =
        (spec.min !== undefined && value < spec.min) ||
        (spec.max !== undefined && value > spec.max);
      return outside ? `must be ${rangeWords(spec)}, got ${value}` : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${showTyped(value)}`;
    case 'string':
      if (typeof value !== 'string') return `must be a string, got ${show(value)}`;
      if (spec.choices && !spec.choices.includes(value))
        return `must be one of ${spec.choices.join(', ')}, got ${show(value)}`;
      return undefined;
    case 'timeframe':
      return typeof value === 'string' && isTimeframe(value)
        ? undefined
        : `must be a timeframe (${TIMEFRAMES.join(', ')}), got ${showTyped(value)}`;
  }
}

function rangeWords(spec: ParamSpec): string {
  if (spec.min !== undefined && spec.max !== undefined)
    return `between ${spec.min} and ${spec.max}`;
  return spec.min !== undefined ? `>= ${spec.min}` : `<= ${spec.max}`;
}

function check(spec: ParamSpec, value: unknown): ParamValue {
  const problem = problemWith(spec, value);
  if (problem !== undefined) throw new StrategyParamError(`param '${spec.name}' ${problem}`);
  return value as ParamValue;
}

/** Text from the command line → the param's type, then the same checks as typed values. */
function fromText(spec: ParamSpec, text: string): ParamValue {
  const fail = (what: string): never => {
    throw new StrategyParamError(`param '${spec.name}' must be ${what}, got '${text}'`);
  };
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const t = text.trim();
      if (!NUMBER.test(t)) fail(spec.type === 'integer' ? 'a whole number' : 'a number');
      return check(spec, Number(t));
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (TRUE_WORDS.includes(t)) return true;
      if (FALSE_WORDS.includes(t)) return false;
      return fail('true or false (or 1/0, yes/no)');
    }
    case 'string':
      return check(spec, text);
    case 'timeframe': {
      // 'h1' is as clear as 'H1' on a command line.
      const t = text.trim().toUpperCase();
      return isTimeframe(t) ? t : fail(`a timeframe (${TIMEFRAMES.join(', ')})`);
    }
  }
}

function unknownParam(schema: readonly ParamSpec[], name: string): StrategyParamError {
  const valid =
    schema.length === 0
      ? 'this strategy takes no params'
      : `valid params: ${schema.map(describeParam).join(', ')}`;
  return new StrategyParamError(`unknown param '${name}'; ${valid}`);
}

function withDefaults(schema: readonly ParamSpec[], given: Map<string, ParamValue>): ParamValues {
  const values: ParamValues = {};
  for (const spec of schema) values[spec.name] = given.get(spec.name) ?? spec.default;
  return values;
}

/**
 * `--param k=v` strings → values checked against the schema, in schema order; defaults fill the
 * rest. Unknown names, repeats, text that is not of the param's type and values outside the
 * range or choices are StrategyParamErrors.
 */
export function parseParamArgs(schema: readonly ParamSpec[], args: readonly string[]): ParamValues {
  const byName = new Map(schema.map((s) => [s.name, s]));
  const given = new Map<string, ParamValue>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? '' : arg.slice(0, eq).trim();
    if (name === '') throw new StrategyParamError(`--param '${arg}' must be name=value`);
    const spec = byName.get(name);
    if (!spec) throw unknownParam(schema, name);
    if (given.has(name)) throw new StrategyParamError(`param '${name}' is given twice`);
    given.set(name, fromText(spec, arg.slice(eq + 1)));
  }
  return withDefaults(schema, given);
}

/**
 * Already-typed values (the app's form, a stored run config) → the same checks as
 * parseParamArgs, without converting text. An undefined value means "use the default".
 */
export function resolveParams(
  schema: readonly ParamSpec[],
  given: Readonly<Record<string, unknown>>,
): ParamValues {
  const byName = new Map(schema.map((s) => [s.name, s]));
  const values = new Map<string, ParamValue>();
  for (const [name, value] of Object.entries(given)) {
    const spec = byName.get(name);
    if (!spec) throw unknownParam(schema, name);
    if (value !== undefined) values.set(name, check(spec, value));
  }
  return withDefaults(schema, values);
}

/**
 * Checks the params schema a user strategy declares and returns a clean copy. Errors start with
 * `where` (the strategy's file), since the author has to find the mistake in it.
 */
export function validateParamSchema(schema: unknown, where: string): ParamSpec[] {
  const fail = (problem: string): never => {
    throw new StrategyParamError(`${where}: ${problem}`);
  };
  if (!Array.isArray(schema))
    return fail('params must be an array of param specs (use [] for none)');
  const seen = new Set<string>();
  return schema.map((raw: unknown, i): ParamSpec => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return fail(`params[${i}] must be an object { name, type, default, description }`);
    const item = raw as Record<string, unknown>;
    const { name, type } = item;
    if (typeof name !== 'string' || !NAME.test(name) || name === '__proto__')
      return fail(
        `params[${i}].name must be an identifier (letters, digits, _; not starting with a digit), got ${show(name)}`,
      );
    const at = `param '${name}'`;
    if (seen.has(name)) fail(`${at} is declared twice`);
    seen.add(name);
    for (const key of Object.keys(item)) {
      if (!SPEC_KEYS.includes(key))
        fail(`${at} has an unknown key '${key}'; allowed: ${SPEC_KEYS.join(', ')}`);
    }
    if (!TYPES.includes(type as ParamSpec['type']))
      fail(`${at}: type must be one of ${TYPES.join(', ')}, got ${show(type)}`);
    if (typeof item.description !== 'string') fail(`${at}: description must be a string`);
    const spec: ParamSpec = {
      name,
      type: type as ParamSpec['type'],
      default: item.default as ParamValue,
      description: item.description as string,
    };
    if (item.label !== undefined) {
      if (
        typeof item.label !== 'string' ||
        item.label.trim() === '' ||
        item.label.length > MAX_LABEL
      )
        fail(`${at}: label must be a non-empty string of at most ${MAX_LABEL} characters`);
      spec.label = item.label as string;
    }
    const numeric = spec.type === 'number' || spec.type === 'integer';
    for (const key of ['min', 'max'] as const) {
      const bound = item[key];
      if (bound === undefined) continue;
      if (!numeric) fail(`${at}: ${key} applies only to number and integer params`);
      if (typeof bound !== 'number' || !Number.isFinite(bound))
        fail(`${at}: ${key} must be a finite number, got ${show(bound)}`);
      spec[key] = bound as number;
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      fail(`${at}: min ${spec.min} is greater than max ${spec.max}`);
    if (item.choices !== undefined) {
      const choices = item.choices;
      if (spec.type !== 'string') fail(`${at}: choices apply only to string params`);
      if (
        !Array.isArray(choices) ||
        choices.length === 0 ||
        !choices.every((c) => typeof c === 'string')
      )
        fail(`${at}: choices must be a non-empty array of strings`);
      if (new Set(choices as string[]).size !== (choices as string[]).length)
        fail(`${at}: choices repeat a value`);
      spec.choices = [...(choices as string[])];
    }
    const problem = problemWith(spec, spec.default);
    if (problem !== undefined) fail(`default of ${at} ${problem}`);
    return spec;
  });
}
