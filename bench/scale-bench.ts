import type { Db } from '../src/main/services/db/database.ts';
import { runBacktest } from '../src/main/services/runs/run-service.ts';
import { generateSymbolTicks } from '../src/main/services/ticks/generate-service.ts';
import { BENCH_INDICATORS, BENCH_TIMEFRAMES } from './engine-bench.ts';
import { median, round3 } from './stats.ts';

const SYMBOLS = [1, 10, 28];
const HISTORIES = [1000, 10_000];
/**
 * Three weekdays of ticks per symbol (~530 000 ticks, ~4 300 M1 bars): enough for M1 and M5
 * histories past 1000 bars, so the 10 000-bar rows show what history length costs, while 28
 * symbols stay ~15 M ticks per run.
 */
const DAYS = 3;
const CHECKPOINTS_PER_RUN = 4;

/**
 * The scale table: checkpoint size and engine-thread pause for 1, 10 and 28 symbols with 1000-
 * and 10 000-bar histories (7 timeframes × 6 indicators, no strategy), each the median over the
 * run's checkpoints. Keys: scale_<n>sym_h<history>_bytes / _pause_ms.
 */
export async function benchScale(
  db: Db,
  dataDir: string,
  log: (s: string) => void,
): Promise<Record<string, number>> {
  const names = Array.from({ length: Math.max(...SYMBOLS) }, (_, i) => `SYM${i}`);
  log(`generating ${DAYS} days of ticks for ${names.length} symbols…`);
  let perSymbol = 0;
  for (const [i, symbol] of names.entries()) {
    const { generated } = await generateSymbolTicks(db, {
      symbol,
      start: Date.parse('2024-01-02T00:00:00Z'),
      days: DAYS,
      seed: 100 + i,
    });
    perSymbol = Math.max(perSymbol, generated);
  }
  const out: Record<string, number> = {};
  for (const n of SYMBOLS) {
    for (const historySize of HISTORIES) {
      const everyTicks = Math.floor((n * perSymbol) / (CHECKPOINTS_PER_RUN + 1));
      const { runId } = await runBacktest(
        db,
        dataDir,
        {
          symbols: names.slice(0, n),
          timeframes: [...BENCH_TIMEFRAMES],
          indicators: BENCH_INDICATORS,
          historySize,
        },
        { checkpoints: { intervalMs: 0, everyTicks, keep: 10, level: 3 } },
      );
      const rows = db
        .prepare(
          `SELECT pause_ms AS p, bytes FROM checkpoints WHERE run_id = ? AND status != 'failed'`,
        )
        .all(runId) as { p: number; bytes: number }[];
      const key = `scale_${n}sym_h${historySize}`;
      out[`${key}_bytes`] = Math.round(median(rows.map((r) => r.bytes)));
      out[`${key}_pause_ms`] = round3(median(rows.map((r) => r.p)));
      log(
        `${n} symbols, --history ${historySize}: ${Math.round(out[`${key}_bytes`] / 1024)} KB, ` +
          `pause ${out[`${key}_pause_ms`]} ms (${rows.length} checkpoints)`,
      );
    }
  }
  return out;
}
