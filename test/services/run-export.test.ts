import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { exportRun } from '../../src/main/services/runs/export-service.ts';
import { runBacktest } from '../../src/main/services/runs/run-service.ts';
import { getRun } from '../../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
const start = Date.parse('2024-01-04T00:00:00Z'); // Thursday: the data spans a weekend

async function seeded(dir: string) {
  const db = openDatabase(dir);
  await generateSymbolTicks(db, { symbol: 'EURUSD', start, days: 5, seed: 1 });
  await generateSymbolTicks(db, { symbol: 'USDJPY', start, days: 5, seed: 2 });
  return db;
}

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

describe('runs and export', () => {
  it('stores one M1 bar per minute that has ticks, consistent with every larger timeframe', async () => {
    const dir = tempDir();
    const db = await seeded(dir);
    const summary = await runBacktest(db, dir, {
      symbols: ['EURUSD'],
      timeframes: ['M1', 'M5', 'H1', 'W1'],
      indicators: ['sma(3)'],
    });
    // Independent count: distinct minutes among the stored ticks.
    const minutes = new Set<number>();
    const src = openTickSource(db, readSymbol(db, 'EURUSD')!);
    let ticks = 0;
    for (let b = src.next(); b; b = src.next())
      for (let i = 0; i < b.length; i++, ticks++) minutes.add(Math.floor(b.ts[i] / 60_000));
    expect(summary.ticks).toBe(ticks);
    expect(summary.bars.M1).toBe(minutes.size);
    expect(getRun(db, summary.runId)).toMatchObject({
      status: 'completed',
      ticksDone: ticks,
      ticksTotal: ticks,
    });

    const out = path.join(dir, 'out');
    exportRun(db, summary.runId, out);
    const m1 = readCsv(path.join(out, 'EURUSD_M1.csv'));
    const h1 = readCsv(path.join(out, 'EURUSD_H1.csv'));
    expect(m1[0]).toEqual(['time', 'open', 'high', 'low', 'close', 'volume', 'ticks', 'sma_3']);
    expect(m1).toHaveLength(minutes.size + 1);
    expect(m1[1][7]).toBe(''); // no SMA value before three bars closed
    expect(m1[3][7]).not.toBe('');
    // Each H1 bar aggregates the M1 bars of its hour.
    for (const row of h1.slice(1, 6)) {
      const hour = Date.parse(row[0]);
      const inHour = m1
        .slice(1)
        .filter((r) => Math.floor(Date.parse(r[0]) / 3_600_000) * 3_600_000 === hour);
      expect(Number(row[1])).toBe(Number(inHour[0][1]));
      expect(Number(row[2])).toBe(Math.max(...inHour.map((r) => Number(r[2]))));
      expect(Number(row[3])).toBe(Math.min(...inHour.map((r) => Number(r[3]))));
      expect(Number(row[4])).toBe(Number(inHour.at(-1)![4]));
      expect(Number(row[6])).toBe(inHour.reduce((n, r) => n + Number(r[6]), 0));
    }
    const w1 = readCsv(path.join(out, 'EURUSD_W1.csv'));
    expect(w1.slice(1).map((r) => r[0])).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-08T00:00:00.000Z',
    ]);
  });

  it('gives byte-identical exports for the same data and arguments, with several symbols', async () => {
    const exports = [];
    for (let k = 0; k < 2; k++) {
      const dir = tempDir();
      const db = await seeded(dir);
      const s = await runBacktest(db, dir, {
        symbols: ['USDJPY', 'EURUSD'],
        indicators: ['ema(20)', 'rsi(14)', 'bbands(20,2)', 'macd(12,26,9)'],
        price: 'mid',
      });
      const out = path.join(dir, 'out');
      const files = exportRun(db, s.runId, out);
      exports.push(files.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')]));
    }
    expect(exports[0].length).toBe(2 * 8); // every timeframe by default
    expect(exports[0]).toEqual(exports[1]);
  });

  it('runs only the ticks of [from, to)', async () => {
    const dir = tempDir();
    const db = await seeded(dir);
    const from = Date.parse('2024-01-04T12:00:00Z');
    const to = Date.parse('2024-01-05T00:00:00Z');
    const s = await runBacktest(db, dir, { symbols: ['EURUSD'], from, to, timeframes: ['H1'] });
    expect(s.bars.H1).toBe(12);
  });

  it('refuses unknown symbols and bad ranges with a clear error, creating no run', async () => {
    const dir = tempDir();
    const db = await seeded(dir);
    await expect(runBacktest(db, dir, { symbols: ['GBPUSD'] })).rejects.toThrow(
      /no ticks stored for GBPUSD/,
    );
    await expect(runBacktest(db, dir, { symbols: ['EURUSD'], from: 10, to: 5 })).rejects.toThrow(
      /--from must be before --to/,
    );
    expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
  });
});
