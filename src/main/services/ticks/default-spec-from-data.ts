/**
 * The default specification of a symbol, refined by its stored ticks where they tell more than
 * its name: a price written with more decimals than the name's default digits (a CFD named
 * US500 quoted to 0.001, an FX feed with an extra digit) proves the symbol has at least those
 * digits, so the point is made that small. Only upward: fewer decimals in the data prove nothing
 * (a 5-digit EURUSD may print 1.10000). Only the first chunk is read, once per content: a pure
 * function of the stored ticks, so the same data gives the same default.
 */
import { tickChunkPriceDecimals } from '../../engine/data/chunk-codec.ts';
import { defaultSymbolSpec, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import type { Db } from '../db/database.ts';

/** symbolSpecSchema's limit on digits. */
const MAX_DIGITS = 10;

/**
 * Decimals of each symbol's first chunk by the symbol's content hash, which changes whenever its
 * ticks do (tick-writer.ts: the hash of its chunks' hashes), whatever data folder it is in:
 * reading the header means decompressing a whole chunk (measured 31 ms on a loaded 2-core
 * machine), and the app and a sweep's jobs ask for the same symbol again and again.
 */
const decimalsByContent = new Map<string, number | null>();

export function defaultSpecFromData(db: Db, name: string): SymbolSpec {
  const spec = defaultSymbolSpec(name);
  const decimals = firstChunkDecimals(db, name);
  if (decimals !== null && decimals > spec.digits) {
    // The pip stays: it was >= the old point, so it is >= the smaller new one.
    spec.digits = Math.min(decimals, MAX_DIGITS);
  }
  return spec;
}

function firstChunkDecimals(db: Db, name: string): number | null {
  const sym = db
    .prepare('SELECT id, content_hash AS hash FROM symbols WHERE name = ? AND tick_count > 0')
    .get(name) as { id: number; hash: string } | undefined;
  if (sym === undefined) return null;
  const key = `${name}\0${sym.hash}`;
  const known = decimalsByContent.get(key);
  if (known !== undefined) return known;
  const first = db
    .prepare('SELECT data FROM tick_chunks WHERE symbol_id = ? ORDER BY first_ts, id LIMIT 1')
    .pluck()
    .get(sym.id) as Uint8Array | undefined;
  const decimals = first === undefined ? null : tickChunkPriceDecimals(first);
  decimalsByContent.set(key, decimals);
  return decimals;
}
