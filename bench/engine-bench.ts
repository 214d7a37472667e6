import { performance } from 'node:perf_hooks';
import { estimateTickCount } from '../src/main/engine/data/generate/index.ts';
import { MtfEngine } from '../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../src/main/engine/mtf/tick-merger.ts';
import { openDatabase } from '../src/main/services/db/database.ts';
import { runBacktest } from '../src/main/services/runs/run-service.ts';
import { generateSymbolTicks } from '../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../src/main/services/ticks/tick-store.ts';
import { median } from './stats.ts';

export const BENCH_TIMEFRAMES = ['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1'] as const;
export const BENCH_INDICATORS = [
  'ema(20)',
  'sma(50)',
  'rsi(14)',
  'bbands(20,2)',
  'macd(12,26,9)',
  'atr(14)',
];
const MIN_TICKS = 20_000_000;
/** First day of the generated data (a Monday). */
export const BENCH_START = Date.parse('2024-01-01T00:00:00Z');
const REPEATS = 3;

/**
 * engine_ticks_per_sec: a whole run — ticks decoded from the SQLite store, 7 timeframes × 6
 * indicators, closed bars written back to SQLite — median of 3 runs over ≥ 20 M generated ticks.
 * The read-only and engine-only figures show where the time goes. backtest_ticks_per_sec is the
 * same run with the `ma-cross` strategy and the portfolio on top.
 */
export async function benchEngine(
  dir: string,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  const db = openDatabase(dir);
  const start = BENCH_START;
  let days = 30;
  while (estimateTickCount({ symbol: 'EURUSD', start, days, seed: 1 }) < MIN_TICKS * 1.05)
    days += 10;
  log(`generating ${days} days of EURUSD ticks…`);
  const t0 = performance.now();
  const { generated } = await generateSymbolTicks(db, { symbol: 'EURUSD', start, days, seed: 1 });
  const generateSecs = (performance.now() - t0) / 1000;
  const info = readSymbol(db, 'EURUSD')!;
  const config = {
    symbols: ['EURUSD'],
    timeframes: [...BENCH_TIMEFRAMES],
    indicators: BENCH_INDICATORS,
    price: 'bid' as const,
    historySize: 1000,
  };

  const read: number[] = [];
  const engineOnly: number[] = [];
  const full: number[] = [];
  const withStrategy: number[] = [];
  const request = {
    symbols: ['EURUSD'],
    timeframes: [...BENCH_TIMEFRAMES],
    indicators: BENCH_INDICATORS,
  };
  for (let r = 0; r < REPEATS; r++) {
    let t = performance.now();
    let n = 0;
    const src = openTickSource(db, info);
    for (let b = src.next(); b; b = src.next()) n += b.length;
    read.push(n / ((performance.now() - t) / 1000));

    t = performance.now();
    const engine = new MtfEngine(config);
    const merger = new TickMerger([openTickSource(db, info)]);
    while (merger.step(engine, 1 << 20) > 0);
    engine.finish();
    engineOnly.push(engine.ticksConsumed / ((performance.now() - t) / 1000));

    const s = await runBacktest(db, dir, request);
    full.push(s.ticksPerSec);
    const b = await runBacktest(db, dir, { ...request, strategy: 'ma-cross' });
    withStrategy.push(b.ticksPerSec);
    log(
      `run ${r + 1}/${REPEATS}: ${(s.ticksPerSec / 1e6).toFixed(2)} M ticks/s, with ma-cross ${(b.ticksPerSec / 1e6).toFixed(2)} M ticks/s ` +
        `(store read ${(read[r] / 1e6).toFixed(1)} M/s, engine without SQLite ${(engineOnly[r] / 1e6).toFixed(2)} M/s)`,
    );
  }
  db.close();
  return {
    bench_ticks: generated,
    generate_ticks_per_sec: Math.round(generated / generateSecs),
    store_read_ticks_per_sec: Math.round(median(read)),
    engine_no_sqlite_ticks_per_sec: Math.round(median(engineOnly)),
    engine_ticks_per_sec: Math.round(median(full)),
    backtest_ticks_per_sec: Math.round(median(withStrategy)),
    // Medians measured in this one run: the strategy layer's cost relative to the engine alone.
    backtest_vs_engine_ratio: Number((median(withStrategy) / median(full)).toFixed(3)),
  };
}
