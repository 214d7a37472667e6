/**
 * Turns schema issues into the one-line problems a user reads in `checkpoints verify` and in the
 * quarantine message: the field path as code would write it, the offending value, and what was
 * expected — e.g. `cursor[0]: 12.5 — Invalid input: expected int, received number`.
 */
import type { z } from 'zod';

/** At most this many problems are listed: a garbage payload would otherwise list thousands. */
export const MAX_PROBLEMS = 12;

export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path)
    s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(root)' : s;
}

/** A short rendering of a decoded value, never the whole of a large one. */
export function showValue(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}(${(v as Uint8Array).length})`;
  return `a ${typeof v}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

export function schemaProblems(root: unknown, error: z.ZodError): string[] {
  return error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') return `${where}: ${issue.message}`;
    return `${where}: ${showValue(valueAt(root, issue.path))} — ${issue.message}`;
  });
}

/**
 * Collects problems, keeping at most MAX_PROBLEMS + 1 (the one extra says "and more"): a hostile
 * file with a million bad rows must not cost a million strings.
 */
export class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    if (this.list.length <= MAX_PROBLEMS) this.list.push(problem);
  }
}
