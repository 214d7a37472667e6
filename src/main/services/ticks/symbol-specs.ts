/**
 * Symbol specifications stored with the data (issue 12, table symbol_specs of migration 11): the
 * stored one if someone edited it, else the default from the symbol's name refined by its ticks
 * (default-spec-from-data.ts). The database is as untrusted as any file: a stored row is
 * validated on every read, and one that does not fit is an error naming the symbol and the field
 * — never silently the default, which would run a backtest with a lot or pip nobody chose.
 */
import {
  describeSpecProblems,
  symbolSpecPatchSchema,
  symbolSpecProblems,
  type SymbolSpecPatch,
} from '../../../shared/symbol-spec-rules.ts';
import { symbolSpecSchema, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import type { Db } from '../db/database.ts';
import { defaultSpecFromData } from './default-spec-from-data.ts';
import { checkSymbolName } from './symbol-name.ts';

export class SymbolSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SymbolSpecError';
  }
}

/** A symbol's spec as the Data screen and `data spec` show it. */
export interface SymbolSpecEntry {
  symbol: string;
  spec: SymbolSpec;
  /** A stored (edited) spec, not the default. */
  edited: boolean;
  /**
   * Only from listSymbolSpecs: why the stored row is refused (runs of the symbol fail until it
   * is saved again or reset); `spec` is then the default, shown for reference.
   */
  problem?: string;
}

/** The specification runs use for `name`: the stored one, else the default. */
export function symbolSpecOf(db: Db, name: string): SymbolSpec {
  return symbolSpecEntry(db, name).spec;
}

export function symbolSpecEntry(db: Db, name: string): SymbolSpecEntry {
  const stored = readStoredSpec(db, name);
  return stored === null
    ? { symbol: name, spec: defaultSpecFromData(db, name), edited: false }
    : { symbol: name, spec: stored, edited: true };
}

/**
 * Merges `patch` onto the spec in effect (stored or default), checks the whole and stores it.
 * A stored row that is invalid is not merged onto: reset it, or give every field.
 */
export function saveSymbolSpec(db: Db, name: string, patch: SymbolSpecPatch): SymbolSpecEntry {
  checkSymbolName(name);
  const p = symbolSpecPatchSchema.safeParse(patch);
  if (!p.success) {
    const fields = p.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`);
    throw new SymbolSpecError(`spec of ${name}: ${fields.join('; ')}`);
  }
  // A whole spec replaces the stored one without reading it: that is how a tampered row is
  // set again (the Data screen sends its whole form).
  const whole = symbolSpecSchema.safeParse(p.data);
  const merged = whole.success ? whole.data : { ...symbolSpecOf(db, name), ...p.data };
  const problems = symbolSpecProblems(merged);
  if (problems.length > 0) {
    throw new SymbolSpecError(`spec of ${name}: ${describeSpecProblems(problems)}`);
  }
  db.prepare(
    `INSERT INTO symbol_specs (symbol, spec, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(symbol) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at`,
  ).run(name, JSON.stringify(merged), Date.now());
  return { symbol: name, spec: merged, edited: true };
}

/** Forgets the stored spec (valid or not): the default applies again. */
export function resetSymbolSpec(db: Db, name: string): SymbolSpecEntry {
  checkSymbolName(name);
  db.prepare('DELETE FROM symbol_specs WHERE symbol = ?').run(name);
  return { symbol: name, spec: defaultSpecFromData(db, name), edited: false };
}

/**
 * Every symbol that holds ticks or has a stored spec, by name. An invalid stored row is listed
 * with its problem rather than failing the list: the list is where it gets fixed.
 */
export function listSymbolSpecs(db: Db): SymbolSpecEntry[] {
  return knownSymbolNames(db).map((name) => {
    try {
      return symbolSpecEntry(db, name);
    } catch (e) {
      if (!(e instanceof SymbolSpecError)) throw e;
      return {
        symbol: name,
        spec: defaultSpecFromData(db, name),
        edited: true,
        problem: e.message,
      };
    }
  });
}

export function knownSymbolNames(db: Db): string[] {
  return db
    .prepare(
      `SELECT name FROM symbols WHERE tick_count > 0
       UNION SELECT symbol FROM symbol_specs ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

function readStoredSpec(db: Db, name: string): SymbolSpec | null {
  const row = db.prepare('SELECT spec FROM symbol_specs WHERE symbol = ?').pluck().get(name) as
    string | undefined;
  if (row === undefined) return null;
  const fix = `; set it again, or reset it: backtestr data spec ${name} --reset`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row);
  } catch {
    throw new SymbolSpecError(`stored spec of ${name} is not JSON${fix}`);
  }
  const problems = symbolSpecProblems(parsed);
  if (problems.length > 0) {
    throw new SymbolSpecError(
      `stored spec of ${name} is invalid (${describeSpecProblems(problems)})${fix}`,
    );
  }
  return parsed as SymbolSpec;
}
