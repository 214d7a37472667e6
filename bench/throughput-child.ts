/**
 * One throughput figure, measured in a fresh process: `node bench/throughput-child.ts DATA_DIR
 * MODE` prints ticks per second. Every `backtestr run` is the first run of its process (its JIT
 * not yet warm: measured ~13 % slower than a third run in the same process), so the bench takes
 * each figure the same way, one run per process, for a like-for-like comparison with the CLI.
 *   read      decode the stored chunks only
 *   engine    runBacktest recording nothing (no bars; a run without a strategy stores no
 *             trades or equity): the engine alone on the users' path (engine_no_sqlite)
 *   bare      a bare MtfEngine fed by a TickMerger, outside any run (engine_bare)
 *   run       runBacktest: store → engine → bars into SQLite (engine_ticks_per_sec)
 *   strategy  the same with ma-cross and the portfolio (backtest_ticks_per_sec)
 */
import { performance } from 'node:perf_hooks';
import { MtfEngine } from '../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../src/main/engine/mtf/tick-merger.ts';
import { openDatabase } from '../src/main/services/db/database.ts';
import { runBacktest } from '../src/main/services/runs/run-service.ts';
import { openTickSource, readSymbol } from '../src/main/services/ticks/tick-store.ts';
import { BENCH_INDICATORS, BENCH_TIMEFRAMES } from './engine-bench.ts';

const [dir, mode] = process.argv.slice(2);
const db = openDatabase(dir);
const info = readSymbol(db, 'EURUSD')!;
const request = {
  symbols: ['EURUSD'],
  timeframes: [...BENCH_TIMEFRAMES],
  indicators: BENCH_INDICATORS,
};
let ticksPerSec: number;
if (mode === 'read') {
  const t = performance.now();
  let n = 0;
  const src = openTickSource(db, info);
  for (let b = src.next(); b; b = src.next()) n += b.length;
  ticksPerSec = n / ((performance.now() - t) / 1000);
} else if (mode === 'engine') {
  // The same path as 'run' minus the bar writes, so the ratio of the two is what recording costs.
  const record = ['trades', 'equity'];
  ticksPerSec = (await runBacktest(db, dir, { ...request, record })).ticksPerSec;
} else if (mode === 'bare') {
  const t = performance.now();
  const engine = new MtfEngine({ ...request, price: 'bid', historySize: 1000 });
  const merger = new TickMerger([openTickSource(db, info)]);
  while (merger.step(engine, 1 << 20) > 0);
  engine.finish();
  ticksPerSec = engine.ticksConsumed / ((performance.now() - t) / 1000);
} else if (mode === 'run' || mode === 'strategy') {
  const strategy = mode === 'strategy' ? 'ma-cross' : undefined;
  ticksPerSec = (await runBacktest(db, dir, { ...request, strategy })).ticksPerSec;
} else {
  throw new Error(`unknown mode ${mode}`);
}
db.close();
process.stdout.write(`${ticksPerSec}\n`);
