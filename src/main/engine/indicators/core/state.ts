/**
 * Typed readers for snapshot state: restore() goes through these so a malformed or foreign
 * snapshot fails loudly (IndicatorStateError naming the field) instead of corrupting the state.
 */
import type { PlainObject, PlainValue } from '../types.ts';

export class IndicatorStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorStateError';
  }
}

function field(s: PlainObject, key: string): PlainValue {
  if (typeof s !== 'object' || s === null || !Object.hasOwn(s, key)) {
    throw new IndicatorStateError(`snapshot state is missing '${key}'`);
  }
  return s[key] as PlainValue;
}

export function readNumber(s: PlainObject, key: string): number {
  const v = field(s, key);
  if (typeof v !== 'number')
    throw new IndicatorStateError(`snapshot field '${key}' is not a number`);
  return v;
}

export function readBoolean(s: PlainObject, key: string): boolean {
  const v = field(s, key);
  if (typeof v !== 'boolean')
    throw new IndicatorStateError(`snapshot field '${key}' is not a boolean`);
  return v;
}

export function readObject(s: PlainObject, key: string): PlainObject {
  const v = field(s, key);
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Float64Array) {
    throw new IndicatorStateError(`snapshot field '${key}' is not an object`);
  }
  return v as PlainObject;
}

/** Copies a Float64Array field of the expected length into `into` (bit-exact, no aliasing). */
export function readFloat64Into(s: PlainObject, key: string, into: Float64Array): void {
  const v = field(s, key);
  if (!(v instanceof Float64Array) || v.length !== into.length) {
    throw new IndicatorStateError(`snapshot field '${key}' is not a Float64Array(${into.length})`);
  }
  into.set(v);
}
