/**
 * Small zod building blocks for checkpoint content. A checkpoint holds raw engine numbers, and
 * the engine legitimately keeps NaN (no bar yet) and ±Infinity (no peak yet) in places, so
 * `float64` accepts any number; `finite`, `count` and `index` are for the fields where anything
 * else would make the run continue from a state no run could have reached.
 */
import { z } from 'zod';

/** Any IEEE double, NaN and ±Infinity included (plain `z.number()` refuses both). */
export const float64 = z.custom<number>((v) => typeof v === 'number', 'expected a number');

/** A finite number. */
export const finite = z.number();

/** A non-negative safe integer: tick counts, ids, sequence numbers. */
export const count = z.number().int().min(0);

/** A time in ms UTC, or NaN where the engine has not seen one yet. */
export const timeOrNaN = z.custom<number>(
  (v) => typeof v === 'number' && (Number.isNaN(v) || Number.isFinite(v)),
  'expected a finite time or NaN',
);

export const float64Array = z.custom<Float64Array>(
  (v) => v instanceof Float64Array,
  'expected a Float64Array',
);

export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');

/** A value the plain-data codec can hold (what strategy state may contain). */
export const plainRecord = z.record(z.string(), z.unknown());
