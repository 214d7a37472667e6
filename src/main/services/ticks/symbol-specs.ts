/**
 * Symbol specifications stored with the data (issue 12): the stored one if someone edited it,
 * else the default from the symbol's name (shared/symbol-spec.ts).
 */
import { defaultSymbolSpec, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import type { Db } from '../db/database.ts';

/**
 * The specification runs use for `name`. Foundation stub: always the default; the specs helper
 * reads the symbol_specs table (migration 11) here.
 */
export function symbolSpecOf(_db: Db, name: string): SymbolSpec {
  return defaultSymbolSpec(name);
}
