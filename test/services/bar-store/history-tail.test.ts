/**
 * readHistoryTail (issue 9, decision D) on a real SQLite file: the last n bars up to a time come
 * back bit for bit (NaN payloads, -0) whichever chunks — or old-version rows — hold them.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { insertBarChunk } from '../../../src/main/services/runs/bar-store/bar-chunks.ts';
import {
  HistoryWidthError,
  readHistoryTail,
} from '../../../src/main/services/runs/bar-store/history-tail.ts';
import { useTempDir } from '../temp-dir.ts';
import { awkwardRows, bytesOf, insertLegacyRow, runWithBars } from './bar-rows.ts';

const tempDir = useTempDir();
const WIDTH = 10;
const T0 = Date.parse('2024-01-02T00:00:00Z');

/** Stores `rows` as chunks of the given sizes, in order (as the recorder's commits would). */
function storeChunks(db: Db, runId: string, rows: Float64Array[], sizes: number[]): void {
  let at = 0;
  for (const n of sizes) {
    const part = rows.slice(at, at + n);
    const cols = new Float64Array(n * WIDTH);
    part.forEach((r, i) => r.forEach((v, k) => (cols[k * n + i] = v)));
    insertBarChunk(
      db,
      { runId, symbol: 'EURUSD', timeframe: 'M1' },
      { count: n, width: WIDTH, cols },
    );
    at += n;
  }
}

/** The expected tail, straight from the rows: the last n with time <= upto. */
function expected(rows: Float64Array[], upto: number, n: number): Buffer {
  const kept = rows.filter((r) => r[0] <= upto);
  return bytesOf(kept.slice(Math.max(0, kept.length - n)));
}

describe('readHistoryTail', () => {
  const rows = awkwardRows(23, WIDTH, T0);
  const timeOf = (i: number) => rows[i][0];

  it('gives the last n bars up to a time, oldest first, bit for bit across chunk borders', () => {
    const db = openDatabase(tempDir());
    const runId = runWithBars(db);
    storeChunks(db, runId, rows, [5, 1, 9, 8]);
    const tail = (upto: number | null, n: number) =>
      Buffer.from(readHistoryTail(db, runId, 'EURUSD', 'M1', upto, n, WIDTH).buffer);
    const cases: [string, number, number][] = [
      ['the newest bars, within the last chunk', timeOf(22), 4],
      ['upto cutting inside a chunk', timeOf(10), 3],
      ['n reaching back over three chunks', timeOf(17), 14],
      ['n larger than what is stored', timeOf(22), 1000],
      ['upto between two bars', timeOf(7) + 30_000, 6],
      ['upto after the last bar', timeOf(22) + 3_600_000, 2],
      ['exactly the chunk border', timeOf(5), 2],
    ];
    for (const [what, upto, n] of cases)
      expect(tail(upto, n).equals(expected(rows, upto, n)), what).toBe(true);
    expect(tail(null, 10).length, 'no watermark: nothing committed').toBe(0);
    expect(tail(T0 - 1, 10).length, 'before the first bar').toBe(0);
    expect(tail(timeOf(22), 0).length).toBe(0);
    expect(readHistoryTail(db, runId, 'EURUSD', 'H1', timeOf(22), 5, WIDTH)).toHaveLength(0);
  });

  it("reads an old version's rows before the chunks written after it resumed", () => {
    const db = openDatabase(tempDir());
    const runId = runWithBars(db);
    const plain = awkwardRows(23, WIDTH, T0, true);
    for (const r of plain.slice(0, 12)) insertLegacyRow(db, runId, 'EURUSD', 'M1', r);
    storeChunks(db, runId, plain.slice(12), [4, 7]);
    for (const [upto, n] of [
      [plain[22][0], 15],
      [plain[13][0], 5],
      [plain[9][0], 4],
      [plain[22][0], 99],
    ])
      expect(
        Buffer.from(readHistoryTail(db, runId, 'EURUSD', 'M1', upto, n, WIDTH).buffer).equals(
          expected(plain, upto, n),
        ),
        `upto ${upto}, n ${n}`,
      ).toBe(true);
  });

  it('refuses bars of another width instead of misreading them', () => {
    const db = openDatabase(tempDir());
    const runId = runWithBars(db);
    storeChunks(db, runId, rows, [23]);
    expect(() => readHistoryTail(db, runId, 'EURUSD', 'M1', timeOf(22), 3, WIDTH + 1)).toThrow(
      HistoryWidthError,
    );
  });
});
