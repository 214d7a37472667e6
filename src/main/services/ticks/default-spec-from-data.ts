/**
 * The default specification of a symbol, refined by its stored ticks where they tell more than
 * its name: a price written with more decimals than the name's default digits (a CFD named
 * US500 quoted to 0.001, an FX feed with an extra digit) proves the symbol has at least those
 * digits, so the point is made that small. Only upward: fewer decimals in the data prove nothing
 * (a 5-digit EURUSD may print 1.10000). Reads the first chunk only — cheap, and a pure function
 * of the stored ticks, so the same data gives the same default.
 */
import { tickChunkPriceDecimals } from '../../engine/data/chunk-codec.ts';
import { defaultSymbolSpec, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import type { Db } from '../db/database.ts';

/** symbolSpecSchema's limit on digits. */
const MAX_DIGITS = 10;

export function defaultSpecFromData(db: Db, name: string): SymbolSpec {
  const spec = defaultSymbolSpec(name);
  const first = db
    .prepare(
      `SELECT c.data FROM tick_chunks c JOIN symbols s ON s.id = c.symbol_id
       WHERE s.name = ? ORDER BY c.first_ts, c.id LIMIT 1`,
    )
    .pluck()
    .get(name) as Uint8Array | undefined;
  const decimals = first === undefined ? null : tickChunkPriceDecimals(first);
  if (decimals !== null && decimals > spec.digits) {
    // The pip stays: it was >= the old point, so it is >= the smaller new one.
    spec.digits = Math.min(decimals, MAX_DIGITS);
  }
  return spec;
}
