/**
 * Bars rebuilt from ticks for a run that recorded none stop where the run's progress does: a
 * paused run shows only the bars it closed, the same bars as the completed run up to there, and
 * a 2-symbol run's progress (ticks done over both symbols) is found in time.
 */
import { describe, expect, it } from 'vitest';
import { chartBars } from '../../src/main/services/charts/chart-service.ts';
import { RebuiltBarsCache } from '../../src/main/services/charts/rebuilt-bars.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { bucketStart, type Timeframe } from '../../src/main/engine/mtf/timeframes.ts';
import type { RunRecord } from '../../src/main/services/runs/run-config.ts';
import { getRun, insertRun } from '../../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import { minimalConfig } from '../services/minimal-config.ts';
import { useTempDir } from '../services/temp-dir.ts';

const tempDir = useTempDir();
const START = Date.parse('2024-01-03T00:00:00Z');

function allTickTimes(db: Db, symbol: string): number[] {
  const out: number[] = [];
  const source = openTickSource(db, readSymbol(db, symbol)!);
  for (let b = source.next(); b !== null; b = source.next())
    out.push(...b.ts.subarray(0, b.length));
  return out;
}

const at = (run: RunRecord, status: RunRecord['status'], ticksDone: number): RunRecord => ({
  ...run,
  status,
  ticksDone,
});

function candles(db: Db, run: RunRecord, timeframe: Timeframe, symbol = 'EURUSD') {
  const args = { runId: run.id, symbol, timeframe, from: null, to: null, maxBars: 20_000 };
  return chartBars(db, new RebuiltBarsCache(), run, args);
}

describe('bars rebuilt from ticks follow the run’s progress', () => {
  it('shows only the bars a paused run closed', async () => {
    const db = openDatabase(tempDir());
    await generateSymbolTicks(db, { symbol: 'EURUSD', start: START, days: 2, seed: 3 });
    const ts = allTickTimes(db, 'EURUSD');
    const config = minimalConfig({ timeframes: ['M1', 'M15'], record: ['equity'] });
    const run = getRun(db, insertRun(db, config, ts.length).id)!;
    for (const tf of ['M1', 'M15'] as const) {
      const done = candles(db, at(run, 'completed', ts.length), tf);
      expect(done.source).toBe('rebuilt');
      // The completed run closed its last bar at the end of the data.
      expect(done.extent!.last).toBe(bucketStart(tf, ts.at(-1)!));
      // A tick index whose millisecond no other tick shares: the progress is exact there.
      let n = Math.floor(ts.length / 2);
      while (ts[n - 1] === ts[n]) n++;
      const paused = candles(db, at(run, 'paused', n), tf);
      const openBucket = bucketStart(tf, ts[n - 1]);
      expect(paused.bars).toEqual(done.bars.filter((b) => b.time < openBucket));
      expect(paused.bars.length).toBeGreaterThan(10);
      expect(paused.extent!.last).toBe(paused.bars.at(-1)!.time);
      expect(candles(db, at(run, 'paused', 0), tf).bars).toEqual([]);
    }
    db.close();
  }, 120_000);

  it('finds a 2-symbol run’s progress over both symbols', async () => {
    const db = openDatabase(tempDir());
    await generateSymbolTicks(db, { symbol: 'EURUSD', start: START, days: 1, seed: 1 });
    await generateSymbolTicks(db, { symbol: 'GBPUSD', start: START, days: 1, seed: 2 });
    const eur = allTickTimes(db, 'EURUSD');
    const gbp = allTickTimes(db, 'GBPUSD');
    const config = minimalConfig({ symbols: ['EURUSD', 'GBPUSD'], record: ['equity'] });
    const run = getRun(db, insertRun(db, config, eur.length + gbp.length).id)!;
    // Progress up to a time T: every tick of either symbol before it.
    const T = eur[Math.floor(eur.length / 3)] + 0.5;
    const done = eur.filter((t) => t < T).length + gbp.filter((t) => t < T).length;
    for (const [symbol, ticks] of [
      ['EURUSD', eur],
      ['GBPUSD', gbp],
    ] as const) {
      const full = candles(db, at(run, 'completed', eur.length + gbp.length), 'M1', symbol);
      const paused = candles(db, at(run, 'paused', done), 'M1', symbol);
      const last = ticks.filter((t) => t < T).at(-1)!;
      expect(paused.bars).toEqual(full.bars.filter((b) => b.time < bucketStart('M1', last)));
    }
    db.close();
  }, 120_000);
});
