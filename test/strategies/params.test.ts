import { describe, expect, it } from 'vitest';
import {
  describeParam,
  paramRange,
  parseParamArgs,
  resolveParams,
  StrategyParamError,
  validateParamSchema,
} from '../../src/main/engine/strategy/params.ts';
import type { ParamSpec } from '../../src/main/engine/strategy/types.ts';

const SCHEMA: ParamSpec[] = [
  { name: 'fast', type: 'integer', default: 10, min: 2, max: 1000, description: 'fast MA' },
  { name: 'lots', type: 'number', default: 1, min: 0.01, description: 'size' },
  { name: 'offset', type: 'number', default: 0, max: 5, description: 'offset' },
  { name: 'free', type: 'number', default: 0, description: 'unbounded' },
  { name: 'flip', type: 'boolean', default: false, description: 'flip' },
  { name: 'maType', type: 'string', default: 'ema', choices: ['ema', 'sma'], description: 'MA' },
  { name: 'label', type: 'string', default: '', description: 'any text' },
  { name: 'timeframe', type: 'timeframe', default: 'H1', description: 'bars' },
];
const DEFAULTS = {
  fast: 10,
  lots: 1,
  offset: 0,
  free: 0,
  flip: false,
  maType: 'ema',
  label: '',
  timeframe: 'H1',
};

function parseError(args: string[], schema: ParamSpec[] = SCHEMA): string {
  try {
    parseParamArgs(schema, args);
  } catch (err) {
    expect(err).toBeInstanceOf(StrategyParamError);
    return (err as Error).message;
  }
  throw new Error(`parseParamArgs accepted ${JSON.stringify(args)}`);
}

function resolveError(given: Record<string, unknown>): string {
  try {
    resolveParams(SCHEMA, given);
  } catch (err) {
    expect(err).toBeInstanceOf(StrategyParamError);
    return (err as Error).message;
  }
  throw new Error(`resolveParams accepted ${JSON.stringify(given)}`);
}

const VALID_LIST =
  'valid params: fast (integer, default 10, 2..1000), lots (number, default 1, >= 0.01), ' +
  'offset (number, default 0, <= 5), free (number, default 0), flip (boolean, default false), ' +
  "maType (string, default ema, ema|sma), label (string, default ''), " +
  'timeframe (timeframe, default H1, M1..W1)';

describe('parseParamArgs', () => {
  it('fills every param with its default when none is given, in schema order', () => {
    const values = parseParamArgs(SCHEMA, []);
    expect(values).toEqual(DEFAULTS);
    expect(Object.keys(values)).toEqual(SCHEMA.map((s) => s.name));
  });

  it('converts each type from text', () => {
    expect(
      parseParamArgs(SCHEMA, [
        'fast=12',
        'lots=0.5',
        'offset=-1e-3',
        'flip=yes',
        'maType=sma',
        'label=a=b',
        'timeframe=m15',
      ]),
    ).toEqual({
      ...DEFAULTS,
      fast: 12,
      lots: 0.5,
      offset: -0.001,
      flip: true,
      maType: 'sma',
      label: 'a=b',
      timeframe: 'M15',
    });
  });

  it('reads true/false/1/0/yes/no as booleans, in any case', () => {
    const flip = (v: string) => parseParamArgs(SCHEMA, [`flip=${v}`]).flip;
    expect(['true', 'TRUE', '1', 'yes', 'Yes'].map(flip)).toEqual([true, true, true, true, true]);
    expect(['false', '0', 'no', 'NO'].map(flip)).toEqual([false, false, false, false]);
  });

  it('accepts a whole number written with a decimal point or exponent for an integer', () => {
    expect(parseParamArgs(SCHEMA, ['fast=12.0']).fast).toBe(12);
    expect(parseParamArgs(SCHEMA, ['fast=1e2']).fast).toBe(100);
  });

  it('names an unknown param and lists every valid one with type, default and range', () => {
    expect(parseError(['fsat=12'])).toBe(`unknown param 'fsat'; ${VALID_LIST}`);
  });

  it('says so when the strategy takes no params at all', () => {
    expect(parseError(['x=1'], [])).toBe(`unknown param 'x'; this strategy takes no params`);
  });

  it('refuses an argument that is not name=value', () => {
    expect(parseError(['fast'])).toBe(`--param 'fast' must be name=value`);
    expect(parseError(['=3'])).toBe(`--param '=3' must be name=value`);
  });

  it('refuses a param given twice rather than silently keeping one', () => {
    expect(parseError(['fast=12', 'fast=13'])).toBe(`param 'fast' is given twice`);
  });

  it('names the param, the value and the range for values out of range', () => {
    expect(parseError(['fast=1'])).toBe(`param 'fast' must be between 2 and 1000, got 1`);
    expect(parseError(['fast=1001'])).toBe(`param 'fast' must be between 2 and 1000, got 1001`);
    expect(parseError(['lots=0'])).toBe(`param 'lots' must be >= 0.01, got 0`);
    expect(parseError(['offset=6'])).toBe(`param 'offset' must be <= 5, got 6`);
  });

  it('names the param and the text for values of the wrong type', () => {
    expect(parseError(['fast=ten'])).toBe(`param 'fast' must be a whole number, got 'ten'`);
    expect(parseError(['fast=12.5'])).toBe(`param 'fast' must be a whole number, got 12.5`);
    expect(parseError(['fast='])).toBe(`param 'fast' must be a whole number, got ''`);
    expect(parseError(['lots=abc'])).toBe(`param 'lots' must be a number, got 'abc'`);
    expect(parseError(['lots=Infinity'])).toBe(`param 'lots' must be a number, got 'Infinity'`);
    expect(parseError(['lots=0x10'])).toBe(`param 'lots' must be a number, got '0x10'`);
    expect(parseError(['free=1e999'])).toBe(`param 'free' must be a finite number, got Infinity`);
    expect(parseError(['flip=maybe'])).toBe(
      `param 'flip' must be true or false (or 1/0, yes/no), got 'maybe'`,
    );
    expect(parseError(['maType=wma'])).toBe(`param 'maType' must be one of ema, sma, got 'wma'`);
    expect(parseError(['timeframe=H2'])).toBe(
      `param 'timeframe' must be a timeframe (M1, M5, M15, M30, H1, H4, D1, W1), got 'H2'`,
    );
  });
});

describe('resolveParams', () => {
  it('takes typed values as they are and fills the rest with defaults', () => {
    expect(resolveParams(SCHEMA, { fast: 20, flip: true, timeframe: 'D1' })).toEqual({
      ...DEFAULTS,
      fast: 20,
      flip: true,
      timeframe: 'D1',
    });
  });

  it('treats an undefined value as not given (an empty form field)', () => {
    expect(resolveParams(SCHEMA, { fast: undefined })).toEqual(DEFAULTS);
  });

  it('does not convert text: a form must send typed values', () => {
    expect(resolveError({ fast: '20' })).toBe(
      `param 'fast' must be a whole number, got '20' (a string)`,
    );
    expect(resolveError({ flip: 'true' })).toBe(
      `param 'flip' must be true or false, got 'true' (a string)`,
    );
    expect(resolveError({ timeframe: 'h1' })).toBe(
      `param 'timeframe' must be a timeframe (M1, M5, M15, M30, H1, H4, D1, W1), got 'h1' (a string)`,
    );
  });

  it('gives the same errors as the CLI for unknown names, types and ranges', () => {
    expect(resolveError({ fsat: 1 })).toBe(`unknown param 'fsat'; ${VALID_LIST}`);
    expect(resolveError({ fast: 1.5 })).toBe(`param 'fast' must be a whole number, got 1.5`);
    expect(resolveError({ fast: 0 })).toBe(`param 'fast' must be between 2 and 1000, got 0`);
    expect(resolveError({ lots: NaN })).toBe(`param 'lots' must be a finite number, got NaN`);
    expect(resolveError({ lots: null })).toBe(`param 'lots' must be a finite number, got null`);
    expect(resolveError({ maType: 3 })).toBe(`param 'maType' must be a string, got 3`);
    expect(resolveError({ maType: 'EMA' })).toBe(
      `param 'maType' must be one of ema, sma, got 'EMA'`,
    );
    expect(resolveError({ label: ['x'] })).toBe(`param 'label' must be a string, got an array`);
  });
});

describe('paramRange / describeParam', () => {
  it('prints what each kind of param accepts', () => {
    expect(SCHEMA.map(paramRange)).toEqual([
      '2..1000',
      '>= 0.01',
      '<= 5',
      '',
      '',
      'ema|sma',
      '',
      'M1..W1',
    ]);
    expect(describeParam(SCHEMA[0]!)).toBe('fast (integer, default 10, 2..1000)');
  });
});

describe('validateParamSchema', () => {
  const WHERE = '/data/strategies/mine.mjs';
  function schemaError(schema: unknown): string {
    try {
      validateParamSchema(schema, WHERE);
    } catch (err) {
      expect(err).toBeInstanceOf(StrategyParamError);
      return (err as Error).message;
    }
    throw new Error(`validateParamSchema accepted ${JSON.stringify(schema)}`);
  }
  const p = (extra: Record<string, unknown>) => [
    { name: 'n', type: 'integer', default: 5, description: 'n', ...extra },
  ];

  it('accepts a valid schema and returns a copy', () => {
    const copy = validateParamSchema(SCHEMA, WHERE);
    expect(copy).toEqual(SCHEMA);
    expect(copy[5]).not.toBe(SCHEMA[5]);
    expect(copy[5]!.choices).not.toBe(SCHEMA[5]!.choices);
    expect(validateParamSchema([], WHERE)).toEqual([]);
  });

  it('names the file and the param in every error', () => {
    expect(schemaError(undefined)).toBe(
      `${WHERE}: params must be an array of param specs (use [] for none)`,
    );
    expect(schemaError([null])).toBe(
      `${WHERE}: params[0] must be an object { name, type, default, description }`,
    );
    expect(schemaError(p({ name: '2fast' }))).toBe(
      `${WHERE}: params[0].name must be an identifier (letters, digits, _; not starting with a digit), got '2fast'`,
    );
    expect(schemaError(p({ name: 'fast-ma' }))).toMatch(/params\[0\]\.name must be an identifier/);
    expect(schemaError(p({ name: '__proto__' }))).toMatch(/params\[0\]\.name must be/);
    expect(schemaError([...p({}), ...p({})])).toBe(`${WHERE}: param 'n' is declared twice`);
    expect(schemaError(p({ type: 'int' }))).toBe(
      `${WHERE}: param 'n': type must be one of number, integer, boolean, string, timeframe, got 'int'`,
    );
    expect(schemaError(p({ description: undefined }))).toBe(
      `${WHERE}: param 'n': description must be a string`,
    );
    expect(schemaError(p({ minimum: 1 }))).toBe(
      `${WHERE}: param 'n' has an unknown key 'minimum'; allowed: name, type, default, min, max, choices, description, label`,
    );
  });

  it('keeps an optional label and refuses an empty, overlong or non-string one', () => {
    expect(validateParamSchema(p({ label: 'Period (bars)' }), WHERE)[0]!.label).toBe(
      'Period (bars)',
    );
    expect(validateParamSchema(p({}), WHERE)[0]!).not.toHaveProperty('label');
    const bad = `${WHERE}: param 'n': label must be a non-empty string of at most 60 characters`;
    expect(schemaError(p({ label: ' ' }))).toBe(bad);
    expect(schemaError(p({ label: 'x'.repeat(61) }))).toBe(bad);
    expect(schemaError(p({ label: 3 }))).toBe(bad);
  });

  it('checks min, max and choices', () => {
    expect(schemaError(p({ min: '1' }))).toBe(
      `${WHERE}: param 'n': min must be a finite number, got '1'`,
    );
    expect(schemaError(p({ max: Infinity }))).toBe(
      `${WHERE}: param 'n': max must be a finite number, got Infinity`,
    );
    expect(schemaError(p({ min: 10, max: 1 }))).toBe(
      `${WHERE}: param 'n': min 10 is greater than max 1`,
    );
    expect(schemaError(p({ type: 'boolean', default: true, min: 0 }))).toBe(
      `${WHERE}: param 'n': min applies only to number and integer params`,
    );
    expect(schemaError(p({ choices: ['a'] }))).toBe(
      `${WHERE}: param 'n': choices apply only to string params`,
    );
    expect(schemaError(p({ type: 'string', default: 'a', choices: [] }))).toBe(
      `${WHERE}: param 'n': choices must be a non-empty array of strings`,
    );
    expect(schemaError(p({ type: 'string', default: 'a', choices: ['a', 1] }))).toBe(
      `${WHERE}: param 'n': choices must be a non-empty array of strings`,
    );
    expect(schemaError(p({ type: 'string', default: 'a', choices: ['a', 'a'] }))).toBe(
      `${WHERE}: param 'n': choices repeat a value`,
    );
  });

  it('checks that the default has the right type and lies within the range', () => {
    expect(schemaError(p({ default: undefined }))).toBe(
      `${WHERE}: default of param 'n' must be a whole number, got undefined`,
    );
    expect(schemaError(p({ default: 2.5 }))).toBe(
      `${WHERE}: default of param 'n' must be a whole number, got 2.5`,
    );
    expect(schemaError(p({ default: 1, min: 2, max: 9 }))).toBe(
      `${WHERE}: default of param 'n' must be between 2 and 9, got 1`,
    );
    expect(schemaError(p({ type: 'boolean', default: 'yes' }))).toBe(
      `${WHERE}: default of param 'n' must be true or false, got 'yes' (a string)`,
    );
    expect(schemaError(p({ type: 'string', default: 'wma', choices: ['ema', 'sma'] }))).toBe(
      `${WHERE}: default of param 'n' must be one of ema, sma, got 'wma'`,
    );
    expect(schemaError(p({ type: 'timeframe', default: 'h1' }))).toBe(
      `${WHERE}: default of param 'n' must be a timeframe (M1, M5, M15, M30, H1, H4, D1, W1), got 'h1' (a string)`,
    );
  });
});
