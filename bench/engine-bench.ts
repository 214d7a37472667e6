import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { estimateTickCount } from '../src/main/engine/data/generate/index.ts';
import { openDatabase } from '../src/main/services/db/database.ts';
import { generateSymbolTicks } from '../src/main/services/ticks/generate-service.ts';
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
// Five: on a shared 2-core VM one run in a fresh process varies by ±20 %.
const REPEATS = 5;

const CHILD = path.join(import.meta.dirname, 'throughput-child.ts');

/** One figure of throughput-child.ts, in a process of its own (a first run, as the CLI's are). */
export async function inFreshProcess(dir: string, mode: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, dir, mode]);
  return Number(stdout.trim());
}

/**
 * engine_ticks_per_sec: a whole run — ticks decoded from the SQLite store, 7 timeframes × 6
 * indicators, closed bars written back to SQLite — median of 3 runs over ≥ 20 M generated ticks.
 * The read-only and engine-only figures show where the time goes. backtest_ticks_per_sec is the
 * same run with the `ma-cross` strategy and the portfolio on top. Each run in a fresh process
 * (throughput-child.ts), as every CLI run is.
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
  db.close();

  const read: number[] = [];
  const engineOnly: number[] = [];
  const bare: number[] = [];
  const full: number[] = [];
  const withStrategy: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    read.push(await inFreshProcess(dir, 'read'));
    engineOnly.push(await inFreshProcess(dir, 'engine'));
    bare.push(await inFreshProcess(dir, 'bare'));
    full.push(await inFreshProcess(dir, 'run'));
    withStrategy.push(await inFreshProcess(dir, 'strategy'));
    log(
      `run ${r + 1}/${REPEATS}: ${(full[r] / 1e6).toFixed(2)} M ticks/s, with ma-cross ${(withStrategy[r] / 1e6).toFixed(2)} M ticks/s ` +
        `(store read ${(read[r] / 1e6).toFixed(1)} M/s, engine without SQLite ${(engineOnly[r] / 1e6).toFixed(2)} M/s)`,
    );
  }
  return {
    bench_ticks: generated,
    generate_ticks_per_sec: Math.round(generated / generateSecs),
    store_read_ticks_per_sec: Math.round(median(read)),
    engine_no_sqlite_ticks_per_sec: Math.round(median(engineOnly)),
    engine_bare_ticks_per_sec: Math.round(median(bare)),
    engine_ticks_per_sec: Math.round(median(full)),
    backtest_ticks_per_sec: Math.round(median(withStrategy)),
    // Medians measured in this one run: the strategy layer's cost relative to the engine alone.
    backtest_vs_engine_ratio: Number((median(withStrategy) / median(full)).toFixed(3)),
    // Target ≥ 0.85: what recording bars costs on the users' path.
    engine_vs_no_sqlite_ratio: Number((median(full) / median(engineOnly)).toFixed(3)),
  };
}
