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

/** At most this many issues are reported from inside one array or record. */
const ITEM_ISSUES = 12;

type RefineCtx = Parameters<Parameters<z.ZodType['superRefine']>[0]>[1];

/** Checks items in order; reports the first bad one's issues under its key and stops. */
function firstBad(ctx: RefineCtx, items: Iterable<[string | number, unknown]>, item: z.ZodType) {
  for (const [key, value] of items) {
    const r = item.safeParse(value);
    if (r.success) continue;
    for (const issue of r.error.issues.slice(0, ITEM_ISSUES))
      ctx.addIssue({ ...issue, path: [key, ...issue.path] } as Parameters<
        RefineCtx['addIssue']
      >[0]);
    return;
  }
}

/**
 * `z.array(item)` that stops at the first bad item. zod reports every bad item, and a crafted
 * payload of a million bad rows (a few KB compressed) then costs seconds and hundreds of MB of
 * issue objects: here it costs one.
 */
export function list<T extends z.ZodType>(item: T, min = 0) {
  return z
    .custom<z.output<T>[]>((v) => Array.isArray(v), 'expected an array')
    .superRefine((a, ctx) => {
      if (!Array.isArray(a)) return; // refinements also run on values that failed the check
      if (a.length < min)
        ctx.addIssue({ code: 'custom', message: `expected at least ${min} items` });
      firstBad(ctx, a.entries(), item);
    });
}

/** `z.record(z.string(), value)` that stops at the first bad value, like list(). */
export function record<T extends z.ZodType>(value: T) {
  return z
    .custom<Record<string, z.output<T>>>(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v),
      'expected an object',
    )
    .superRefine((o, ctx) => {
      if (typeof o === 'object' && o !== null) firstBad(ctx, Object.entries(o), value);
    });
}
