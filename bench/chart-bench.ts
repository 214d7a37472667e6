/**
 * charts:bars (issue 13) on a year of M1: ~370 k stored bars (362 chunks), a 2 000-bar window in
 * the middle with and without indicators, and bars rebuilt from 10 days of generated ticks for
 * a run that recorded none — the first (uncached) rebuild and a cached window.
 * `node bench/chart-bench.ts` prints the figures on its own; `npm run bench` includes them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChartBarsArgs } from '../src/shared/charts.ts';
import { chartBars } from '../src/main/services/charts/chart-service.ts';
import { RebuiltBarsCache } from '../src/main/services/charts/rebuilt-bars.ts';
import { openDatabase, type Db } from '../src/main/services/db/database.ts';
import { insertBarChunk } from '../src/main/services/runs/bar-store/bar-chunks.ts';
import type { RunConfig } from '../src/main/services/runs/run-config.ts';
import { getRun, insertRun } from '../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../src/main/services/ticks/generate-service.ts';
import { median, round3 } from './stats.ts';

const CHUNKS = 362;
const CHUNK = 1024;
const START = Date.parse('2024-01-01T00:00:00Z');

const config = (record: RunConfig['record']): RunConfig => ({
  symbols: ['EURUSD'],
  from: null,
  to: null,
  timeframes: ['M1', 'H1'],
  indicators: [],
  price: 'bid',
  historySize: 10,
  strategy: null,
  account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 0, slippage: 0 },
  record,
});

/** A random walk of CHUNKS × CHUNK M1 bars, stored as the recorder stores them. */
function storeYearOfM1(db: Db, runId: string): number {
  let price = 1.1;
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  for (let c = 0; c < CHUNKS; c++) {
    const cols = new Float64Array(CHUNK * 7);
    for (let i = 0; i < CHUNK; i++) {
      const open = price;
      price += rnd() * 0.0004;
      const row = [START + (c * CHUNK + i) * 60_000, open, Math.max(open, price) + 0.0001];
      row.push(Math.min(open, price) - 0.0001, price, 100 + i, 50);
      row.forEach((v, k) => (cols[k * CHUNK + i] = v));
    }
    insertBarChunk(
      db,
      { runId, symbol: 'EURUSD', timeframe: 'M1' },
      { count: CHUNK, width: 7, cols },
    );
  }
  return CHUNKS * CHUNK;
}

function medianMs(f: () => unknown, n: number): number {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return round3(median(xs));
}

export async function benchCharts(
  db: Db,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  log('chart-bench: storing a year of M1 bars…');
  const stored = insertRun(db, config(['bars']), 0);
  const bars = storeYearOfM1(db, stored.id);
  const run = getRun(db, stored.id)!;
  const cache = new RebuiltBarsCache();
  const mid = START + (bars / 2) * 60_000;
  const window: ChartBarsArgs = {
    runId: run.id,
    symbol: 'EURUSD',
    timeframe: 'M1',
    from: mid - 2000 * 60_000,
    to: mid,
    maxBars: 2000,
  };
  const out: Record<string, number> = { chart_stored_bars: bars };
  out.chart_window_2000_ms_p50 = medianMs(() => chartBars(db, cache, run, window), 20);
  const withIndicators = { ...window, indicators: ['ema(30)', 'bbands(20,2)', 'rsi(14)', 'macd'] };
  out.chart_window_2000_indicators_ms_p50 = medianMs(
    () => chartBars(db, cache, run, withIndicators),
    20,
  );
  const widest = { ...window, from: null, to: null, maxBars: 20_000 };
  out.chart_window_20000_ms_p50 = medianMs(() => chartBars(db, cache, run, widest), 10);

  log('chart-bench: generating 10 days of ticks for a rebuilt series…');
  const { symbol } = await generateSymbolTicks(db, {
    symbol: 'EURUSD',
    start: START,
    days: 10,
    seed: 1,
  });
  const noBars = insertRun(db, config(['equity']), symbol.tickCount);
  db.prepare("UPDATE runs SET status = 'completed', ticks_done = ticks_total WHERE id = ?").run(
    noBars.id,
  );
  const rebuiltRun = getRun(db, noBars.id)!;
  const rebuilt = { ...window, runId: rebuiltRun.id, from: null, to: null };
  out.chart_rebuild_ticks = symbol.tickCount;
  const first: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    chartBars(db, new RebuiltBarsCache(), rebuiltRun, rebuilt);
    first.push(performance.now() - t);
  }
  out.chart_rebuild_10d_m1_ms_p50 = round3(median(first));
  out.chart_rebuilt_cached_2000_ms_p50 = medianMs(
    () => chartBars(db, cache, rebuiltRun, rebuilt),
    10,
  );
  return out;
}

if (import.meta.main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-chart-bench-'));
  const db = openDatabase(dir);
  try {
    console.log(
      JSON.stringify(await benchCharts(db, (s) => process.stderr.write(s + '\n')), null, 2),
    );
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
