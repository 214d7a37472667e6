/**
 * What makes a symbol specification usable beyond its field types, shared by the backend (which
 * refuses to store a spec breaking these) and the Data screen's form (which shows the same
 * messages before anything is sent). The field-by-field types are `symbolSpecSchema`.
 */
import { z } from 'zod';
import { symbolSpecSchema, type SymbolSpec } from './symbol-spec.ts';

/** A change to a spec: any subset of its fields, nothing else (an unknown field is refused). */
export const symbolSpecPatchSchema = symbolSpecSchema.partial();
export type SymbolSpecPatch = z.infer<typeof symbolSpecPatchSchema>;

/**
 * One point, 10^-digits, for digits 0..10 (symbolSpecSchema's range), from decimal literals: each
 * is the double nearest the decimal, which `10 ** -d` is not promised to be.
 */
export const POINT_OF_DIGITS: readonly number[] = [
  1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10,
];

export interface SpecProblem {
  field: keyof SymbolSpec;
  message: string;
}

/**
 * Problems of a whole spec: first the schema's (types, ranges), then the rules that tie fields
 * together. A pip need not be a power of ten times the point (indices use a pip of 1 with 1
 * digit), but it can never be smaller than one point: a price cannot move by less.
 */
export function symbolSpecProblems(spec: unknown): SpecProblem[] {
  const r = symbolSpecSchema.safeParse(spec);
  if (!r.success) {
    return r.error.issues.map((i) => ({
      field: String(i.path[0] ?? 'digits') as keyof SymbolSpec,
      message: i.message,
    }));
  }
  const s = r.data;
  const point = POINT_OF_DIGITS[s.digits];
  if (s.pipSize < point) {
    return [
      {
        field: 'pipSize',
        message: `a pip (${s.pipSize}) cannot be smaller than one point (${point} with ${s.digits} digits)`,
      },
    ];
  }
  return [];
}

/** "pipSize: …; digits: …" — one line for an error naming every field at fault. */
export function describeSpecProblems(problems: readonly SpecProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
