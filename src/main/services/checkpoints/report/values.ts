/**
 * Turning checkpoint values into report values. Reports go out as JSON (CLI --json, IPC to the
 * checkpoint browser), and JSON has no NaN, ±Infinity, -0 or typed arrays: a checkpoint is full
 * of them (NaN entry price when flat, NaN indicators before warm-up, Float64Array buffers). So
 * every number passes through num() (not finite → null) and times become ISO strings, which also
 * makes them readable without a converter.
 */

import type { Json } from '../../../../shared/reports.ts';

export type { Json } from '../../../../shared/reports.ts';

/** A finite number, or null (NaN, ±Infinity); -0 becomes 0 so that JSON round-trips exactly. */
export function num(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

/** ms UTC → ISO 8601, or null when the time is unknown (null, or NaN before the first tick). */
export function isoTime(ms: number | null): string | null {
  return ms !== null && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** b − a, or null when either side is unknown. */
export function delta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : num(b - a);
}

/** part / whole in percent, or null when there is no whole. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? num((100 * part) / whole) : null;
}

/**
 * Plain checkpoint data (as the plain-codec allows: numbers, strings, booleans, null, undefined,
 * arrays, typed arrays, plain objects) as JSON: numbers through num(), typed arrays as arrays,
 * undefined as null. Anything else is refused: a checkpoint never holds it.
 */
export function toJson(x: unknown, path = ''): Json {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return num(x);
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map((v, i) => toJson(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    return Array.from(x as unknown as ArrayLike<number>, num);
  }
  const proto: unknown = typeof x === 'object' ? Object.getPrototypeOf(x) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(x as object)) out[k] = toJson(v, path ? `${path}.${k}` : k);
    return out;
  }
  throw new TypeError(`not plain data at ${path || '(root)'}: ${typeof x}`);
}
