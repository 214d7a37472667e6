/**
 * The values one swept param takes, checked against the strategy's param schema. A range
 * `from:to:step` includes `to` when it lies on the step; an integer param takes integer ranges
 * only; a float range builds from + i·step rounded to 12 significant digits, so 0.1:0.3:0.1 gives
 * 0.1, 0.2, 0.3 and not 0.30000000000000004 (and the same values on every machine).
 */
import { parseParamArgs, resolveParams } from '../../engine/strategy/params.ts';
import type { ParamSpec } from '../../engine/strategy/types.ts';
import { MAX_SWEEP_JOBS, type ParamValue, type SweptParam } from '../../../shared/sweeps.ts';
import { SweepInputError } from './sweep-errors.ts';

/** Rounds away the binary noise of from + i·step (12 of a double's ~15.9 digits). */
function roundRangeValue(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * One value checked against its spec: typed values as they are, text (a CLI list `slow=20,30`
 * or `--param`) converted by the param's type, exactly as `run --param` does.
 */
export function checkedValue(spec: ParamSpec, value: ParamValue): ParamValue {
  try {
    return typeof value === 'string' && spec.type !== 'string'
      ? parseParamArgs([spec], [`${spec.name}=${value}`])[spec.name]!
      : resolveParams([spec], { [spec.name]: value })[spec.name]!;
  } catch (err) {
    throw new SweepInputError((err as Error).message);
  }
}

function rangeValues(spec: ParamSpec, p: Extract<SweptParam, { kind: 'range' }>): number[] {
  const { from, to, step } = p;
  const where = `param '${p.name}' range ${from}:${to}:${step}`;
  if (spec.type !== 'number' && spec.type !== 'integer')
    throw new SweepInputError(`${where}: only number and integer params take a range`);
  if (![from, to, step].every(Number.isFinite) || !(step > 0))
    throw new SweepInputError(`${where}: from, to and step must be numbers, step above 0`);
  if (from > to) throw new SweepInputError(`${where}: from must not be above to`);
  if (spec.type === 'integer' && ![from, to, step].every(Number.isInteger))
    throw new SweepInputError(`${where}: '${p.name}' is an integer param; use whole numbers`);
  // Counted before anything is allocated: a tiny step must not build a huge array.
  // The quotient is rounded like the values: (1 - 0) / 1e-9 is 999999999.9999999 in binary.
  const approx = Math.floor(roundRangeValue((to - from) / step)) + 1;
  if (approx > MAX_SWEEP_JOBS)
    throw new SweepInputError(`${where} has ${approx} values; at most ${MAX_SWEEP_JOBS} jobs`);
  const values: number[] = [];
  for (let i = 0; i <= approx; i++) {
    const v = spec.type === 'integer' ? from + i * step : roundRangeValue(from + i * step);
    if (v > to) break;
    values.push(v);
  }
  return values;
}

/** The param's values in spec order, each checked against the schema; a repeat is an error. */
export function sweptValues(spec: ParamSpec, p: SweptParam): ParamValue[] {
  const raw = p.kind === 'range' ? rangeValues(spec, p) : p.values;
  const values = raw.map((v) => checkedValue(spec, v));
  const seen = new Set<ParamValue>();
  for (const v of values) {
    if (seen.has(v))
      throw new SweepInputError(`param '${p.name}' lists the value ${String(v)} twice`);
    seen.add(v);
  }
  return values;
}
