import type { Db } from '../../../src/main/services/db/database.ts';
import { insertRun } from '../../../src/main/services/runs/run-store.ts';
import { minimalConfig } from '../minimal-config.ts';

/** A run row to hang bars on (bar_chunks and bars reference runs). */
export function runWithBars(db: Db): string {
  return insertRun(db, minimalConfig(), 0).id;
}

/**
 * `count` rows of `width` values at times start, start + 60 s, …: awkward values on purpose
 * (NaN with a payload, -0, subnormals, huge numbers) that a lossy store would change. With
 * `plainBars` the 7 bar columns are ordinary numbers, as the old row table (REAL NOT NULL) needs.
 */
export function awkwardRows(
  count: number,
  width: number,
  start: number,
  plainBars = false,
): Float64Array[] {
  const payloadNaN = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0];
  const odd = [NaN, -0, 5e-324, 1.7976931348623157e308, 1.1234567890123457, payloadNaN];
  return Array.from({ length: count }, (_, i) => {
    const row = new Float64Array(width);
    row[0] = start + i * 60_000;
    for (let k = 1; k < width; k++) {
      const plain = (plainBars && k < 7) || (i + k) % 4 !== 0;
      row[k] = plain ? i * 3 + k / 8 : odd[(i * k) % odd.length];
    }
    return row;
  });
}

/** Rows as their bytes: equal bytes is bit-exact equality, NaN payloads included. */
export function bytesOf(rows: Float64Array | Float64Array[]): Buffer {
  const list = Array.isArray(rows) ? rows : [rows];
  return Buffer.concat(list.map((r) => Buffer.from(r.buffer, r.byteOffset, r.byteLength)));
}

/** A row into the row table of migration 2, exactly as the recorder of earlier versions did. */
export function insertLegacyRow(
  db: Db,
  runId: string,
  symbol: string,
  tf: string,
  r: Float64Array,
): void {
  db.prepare(
    `INSERT INTO bars (run_id, symbol, timeframe, time, open, high, low, close, volume, ticks, indicators)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    symbol,
    tf,
    r[0],
    r[1],
    r[2],
    r[3],
    r[4],
    r[5],
    r[6],
    Buffer.from(r.slice(7).buffer),
  );
}
