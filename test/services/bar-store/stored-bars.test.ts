/**
 * The bar store's cutting and copying at watermarks, on a real SQLite file: resume truncation
 * cuts a chunk straddling the watermark (keeping its bars up to it), a fork copies bars up to it,
 * and both work across old-version rows and chunks. And a RunRecorder stores, bit for bit, the
 * bars the engine closed, in whole chunks however often it commits.
 */
import { describe, expect, it } from 'vitest';
import { MtfEngine } from '../../../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../../../src/main/engine/mtf/tick-merger.ts';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { CHUNK_BARS } from '../../../src/main/services/runs/bar-store/bar-buffer.ts';
import { insertBarChunk } from '../../../src/main/services/runs/bar-store/bar-chunks.ts';
import {
  barStoredAt,
  copyBarsUpTo,
  countBarsBetween,
  storedBarRows,
  truncateBarsAfter,
  type BarSeries,
} from '../../../src/main/services/runs/bar-store/stored-bars.ts';
import {
  writeRecorderRows,
  type RecorderWrites,
} from '../../../src/main/services/runs/recorder-writes.ts';
import { engineConfigOf, type RunConfig } from '../../../src/main/services/runs/run-config.ts';
import { fencedWrite } from '../../../src/main/services/runs/run-fence.ts';
import { claimRun } from '../../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../../src/main/services/runs/run-recorder.ts';
import { insertRun } from '../../../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../../../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../../../src/main/services/ticks/tick-store.ts';
import { useTempDir } from '../temp-dir.ts';
import { awkwardRows, bytesOf, insertLegacyRow, runWithBars } from './bar-rows.ts';

const tempDir = useTempDir();
const WIDTH = 9;
const T0 = Date.parse('2024-01-02T00:00:00Z');

/** 8 old-version rows, then chunks of 5 and 7: a resumed old run's bars. */
function mixedSeries(db: Db): { s: BarSeries; rows: Float64Array[] } {
  const s = { runId: runWithBars(db), symbol: 'EURUSD', timeframe: 'M1' };
  const rows = awkwardRows(20, WIDTH, T0, true);
  for (const r of rows.slice(0, 8)) insertLegacyRow(db, s.runId, s.symbol, s.timeframe, r);
  for (const [from, to] of [
    [8, 13],
    [13, 20],
  ]) {
    const n = to - from;
    const cols = new Float64Array(n * WIDTH);
    rows.slice(from, to).forEach((r, i) => r.forEach((v, k) => (cols[k * n + i] = v)));
    insertBarChunk(db, s, { count: n, width: WIDTH, cols });
  }
  return { s, rows };
}

const stored = (db: Db, s: BarSeries) => bytesOf([...storedBarRows(db, s)]);

describe('the bar store at watermarks', () => {
  it('truncation keeps exactly the bars up to the watermark, cutting a straddling chunk', () => {
    for (const cut of [3, 7, 8, 10, 12, 13, 16, 19]) {
      const db = openDatabase(tempDir());
      const { s, rows } = mixedSeries(db);
      truncateBarsAfter(db, s, rows[cut][0]);
      expect(stored(db, s).equals(bytesOf(rows.slice(0, cut + 1))), `cut after bar ${cut}`).toBe(
        true,
      );
      db.close();
    }
    const db = openDatabase(tempDir());
    const { s } = mixedSeries(db);
    truncateBarsAfter(db, s, null);
    expect([...storedBarRows(db, s)]).toHaveLength(0);
  });

  it('a fork copies exactly the bars up to the watermark and leaves the parent alone', () => {
    for (const cut of [5, 8, 11, 19]) {
      const db = openDatabase(tempDir());
      const { s, rows } = mixedSeries(db);
      const child = runWithBars(db);
      copyBarsUpTo(db, s, child, rows[cut][0]);
      const childSeries = { ...s, runId: child };
      expect(stored(db, childSeries).equals(bytesOf(rows.slice(0, cut + 1))), `cut ${cut}`).toBe(
        true,
      );
      expect(stored(db, s).equals(bytesOf(rows)), 'the parent').toBe(true);
      db.close();
    }
  });

  it('answers the store checks: a bar at a time, bars between two times', () => {
    const db = openDatabase(tempDir());
    const { s, rows } = mixedSeries(db);
    expect(rows.every((r) => barStoredAt(db, s, r[0]))).toBe(true);
    expect(barStoredAt(db, s, rows[9][0] + 30_000)).toBe(false);
    expect(countBarsBetween(db, s, rows[5][0], rows[15][0])).toBe(9);
    expect(countBarsBetween(db, s, -8.64e15, rows[0][0])).toBe(0);
    expect(countBarsBetween(db, s, rows[19][0], 8.64e15)).toBe(0);
  });
});

const FIVE_DAYS = Date.parse('2024-01-08T00:00:00Z'); // Monday: five full days of M1 bars

const CONFIG: RunConfig = {
  symbols: ['EURUSD'],
  from: null,
  to: null,
  timeframes: ['M1', 'M5', 'H1'],
  indicators: ['sma(30)', 'macd(12,26,9)'], // NaN during warm-up
  price: 'bid',
  historySize: 10,
  strategy: null,
  account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 0, slippage: 0 },
};

/** An engine feeding `recorder` over five days of ticks; `seen` gets every closed bar's row. */
async function recordedRun(db: Db) {
  await generateSymbolTicks(db, { symbol: 'EURUSD', start: FIVE_DAYS, days: 5, seed: 3 });
  const { id } = insertRun(db, CONFIG, 0);
  const claim = claimRun(db, id);
  const recorder = new RunRecorder(db, claim, CONFIG);
  const seen: Float64Array[][] = CONFIG.timeframes.map(() => []);
  const engine = new MtfEngine(engineConfigOf(CONFIG), {
    onBarClosed: (s, k, bar, values) => {
      const { time, open, high, low, close, volume, ticks } = bar;
      seen[k].push(Float64Array.of(time, open, high, low, close, volume, ticks, ...values));
      recorder.onBarClosed(s, k, bar, values);
    },
  });
  const merger = new TickMerger([openTickSource(db, readSymbol(db, 'EURUSD')!)]);
  return { id, claim, recorder, seen, engine, merger };
}

describe('RunRecorder', () => {
  it('hands a checkpoint writer what it did not commit; late or not, the store ends exact', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const { id, claim, recorder, seen, engine, merger } = await recordedRun(db);
    // The checkpoint writer thread's own connection.
    const writerDb = openDatabase(dir);
    const late: RecorderWrites[] = [];
    let covered = 0;
    const apply = (w: RecorderWrites) => {
      for (const b of w.bars) {
        const hit = writerDb
          .prepare(
            'SELECT 1 FROM bar_chunks WHERE run_id = ? AND timeframe = ? AND first_time <= ? AND last_time >= ?',
          )
          .get(id, b.timeframe, b.bars.cols[0], b.bars.cols[b.bars.count - 1]);
        if (hit) covered++;
      }
      fencedWrite(writerDb, claim, () => writeRecorderRows(writerDb, w));
    };
    for (let step = 1; merger.step(engine, 7_919 * step) > 0; step++) {
      if (step % 3 !== 0) continue;
      const before = db.prepare('SELECT COUNT(*) FROM bar_chunks').pluck().get();
      const { writes } = recorder.captureForWriter();
      // Nothing is committed on the engine thread's side…
      expect(db.prepare('SELECT COUNT(*) FROM bar_chunks').pluck().get()).toBe(before);
      // …the writer commits it now, or only after the engine went on (and maybe committed the
      // full chunk that holds these bars).
      if (writes) (step % 2 === 0 ? late : [writes]).push(writes);
      if (step % 2 !== 0) while (late.length > 0) apply(late.shift()!);
      if (writes && step % 2 !== 0) apply(writes);
    }
    while (late.length > 0) apply(late.shift()!);
    engine.finish();
    recorder.flush();
    expect(covered, 'some pieces arrived after their full chunk').toBeGreaterThan(0);
    CONFIG.timeframes.forEach((timeframe, k) => {
      const rows = [...storedBarRows(db, { runId: id, symbol: 'EURUSD', timeframe })];
      expect(bytesOf(rows).equals(bytesOf(seen[k])), timeframe).toBe(true);
    });
    writerDb.close();
  }, 60_000);

  it('stores bit for bit the bars the engine closed, across chunk and checkpoint commits', async () => {
    const db = openDatabase(tempDir());
    const { id, recorder, seen, engine, merger } = await recordedRun(db);
    // Captures at uneven points, as checkpoints would come: each commits what is buffered.
    for (let step = 1; merger.step(engine, 7_919 * step) > 0; step++)
      if (step % 3 === 0) recorder.capture();
    engine.finish();
    recorder.flush();
    expect(seen[0].length, 'more M1 bars than one chunk holds').toBeGreaterThan(CHUNK_BARS);
    CONFIG.timeframes.forEach((timeframe, k) => {
      const rows = [...storedBarRows(db, { runId: id, symbol: 'EURUSD', timeframe })];
      expect(bytesOf(rows).equals(bytesOf(seen[k])), timeframe).toBe(true);
      // Commits before a chunk is full write pieces, which the full chunk replaces: whole
      // chunks of CHUNK_BARS bars, then the pieces of the last one.
      const counts = db
        .prepare(
          'SELECT count FROM bar_chunks WHERE run_id = ? AND timeframe = ? ORDER BY first_time',
        )
        .pluck()
        .all(id, timeframe) as number[];
      const full = Math.floor(seen[k].length / CHUNK_BARS);
      expect(counts.slice(0, full), `${timeframe} chunks`).toEqual(Array(full).fill(CHUNK_BARS));
    });
  }, 60_000);
});
