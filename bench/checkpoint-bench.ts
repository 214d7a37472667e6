import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Backtest } from '../src/main/engine/backtest/backtest.ts';
import { readCheckpointFile } from '../src/main/services/checkpoints/checkpoint-reader.ts';
import { checkpointsDir } from '../src/main/services/checkpoints/checkpoint-store.ts';
import { openDatabase, type Db } from '../src/main/services/db/database.ts';
import { engineConfigOf, portfolioConfigOf } from '../src/main/services/runs/run-config.ts';
import { prepareRun, runBacktest, type RunRequest } from '../src/main/services/runs/run-service.ts';
import { generateSymbolTicks } from '../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../src/main/services/ticks/tick-store.ts';
import { BENCH_INDICATORS, BENCH_TIMEFRAMES, median } from './engine-bench.ts';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const round3 = (x: number) => Number(x.toFixed(3));

/**
 * Opens the newest checkpoint of a run, verifies and decodes it, restores a fresh backtest
 * and opens the tick sources at the cursor: ready for the next tick.
 */
async function recoveryMs(db: Db, dataDir: string, runId: string): Promise<number> {
  const dir = checkpointsDir(dataDir, runId);
  const newest = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.btck'))
    .sort()
    .at(-1)!;
  const t0 = performance.now();
  const { data } = readCheckpointFile(path.join(dir, newest));
  const { strategy } = await prepareRun(db, dataDir, {
    symbols: data.config.symbols,
    strategy: data.config.strategy?.name,
  });
  const bt = new Backtest({
    engine: engineConfigOf(data.config),
    portfolio: portfolioConfigOf(data.config),
    strategy,
  });
  bt.restore(data.state);
  bt.merger(
    data.config.symbols.map((s, i) =>
      openTickSource(db, readSymbol(db, s)!, { skip: data.cursor[i] }),
    ),
  );
  return performance.now() - t0;
}

/**
 * Checkpoint costs on the engine bench's data (1 symbol, 7 timeframes × 6 indicators,
 * 1000-bar histories, ma-cross): engine-thread pause, write time, size, recovery time, and
 * throughput with a checkpoint every second vs none. Then the size for 10 symbols.
 */
export async function benchCheckpoints(
  dataDir: string,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  const db = openDatabase(dataDir);
  const typical: RunRequest = {
    symbols: ['EURUSD'],
    timeframes: [...BENCH_TIMEFRAMES],
    indicators: BENCH_INDICATORS,
    strategy: 'ma-cross',
  };
  const everySecond = { intervalMs: 1000, everyTicks: 0, keep: 5, level: 3 };
  const frequent = { intervalMs: 0, everyTicks: 500_000, keep: 5, level: 3 };

  const withCkpt: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < 3; r++) {
    without.push((await runBacktest(db, dataDir, typical)).ticksPerSec);
    withCkpt.push(
      (await runBacktest(db, dataDir, typical, { checkpoints: everySecond })).ticksPerSec,
    );
    log(
      `checkpoint overhead run ${r + 1}/3: ${(without[r] / 1e6).toFixed(2)} vs ${(withCkpt[r] / 1e6).toFixed(2)} M ticks/s`,
    );
  }

  const pause: number[] = [];
  const write: number[] = [];
  const bytes: number[] = [];
  const { runId } = await runBacktest(db, dataDir, typical, { checkpoints: frequent });
  const rows = db
    .prepare(
      `SELECT pause_ms AS p, write_ms AS w, bytes FROM checkpoints WHERE run_id = ? AND status != 'failed'`,
    )
    .all(runId) as { p: number; w: number; bytes: number }[];
  for (const row of rows) {
    pause.push(row.p);
    write.push(row.w);
    bytes.push(row.bytes);
  }
  const recovery: number[] = [];
  for (let r = 0; r < 5; r++) recovery.push(await recoveryMs(db, dataDir, runId));
  log(
    `${rows.length} checkpoints: pause p50 ${median(pause).toFixed(3)} ms, write p50 ${median(write).toFixed(1)} ms, recovery ${median(recovery).toFixed(1)} ms`,
  );

  const symbols = Array.from({ length: 10 }, (_, i) => `SYM${i}`);
  for (const [i, symbol] of symbols.entries()) {
    await generateSymbolTicks(db, {
      symbol,
      start: Date.parse('2024-01-01T00:00:00Z'),
      days: 10,
      seed: 100 + i,
    });
  }
  const large = await runBacktest(
    db,
    dataDir,
    { ...typical, symbols },
    { checkpoints: { ...frequent, everyTicks: 2_000_000 } },
  );
  const largeBytes = (
    db
      .prepare(`SELECT bytes FROM checkpoints WHERE run_id = ? AND status = 'valid'`)
      .all(large.runId) as { bytes: number }[]
  ).map((r) => r.bytes);
  db.close();
  return {
    checkpoint_pause_ms_p50: round3(median(pause)),
    checkpoint_pause_ms_p99: round3(percentile(pause, 99)),
    checkpoint_write_ms_p50: round3(median(write)),
    checkpoint_write_ms_p99: round3(percentile(write, 99)),
    recovery_ms: round3(median(recovery)),
    checkpoint_bytes_typical: Math.round(median(bytes)),
    checkpoint_bytes_typical_max: Math.max(...bytes),
    checkpoint_bytes_large: Math.round(median(largeBytes)),
    checkpoint_overhead_pct: round3(100 * (1 - median(withCkpt) / median(without))),
  };
}
