import type { CheckpointPolicy } from '../src/main/services/checkpoints/checkpoint-manager.ts';
import type { CheckpointResult } from '../src/main/services/checkpoints/checkpoint-writer.ts';
import type { Db } from '../src/main/services/db/database.ts';
import { runBacktest, type RunRequest } from '../src/main/services/runs/run-service.ts';
import { BENCH_INDICATORS, BENCH_START, BENCH_TIMEFRAMES } from './engine-bench.ts';
import { median, percentile, round3 } from './stats.ts';
import { recoveryMs } from './recovery.ts';

/**
 * The typical checkpoint of the issue: 1 symbol, 7 timeframes × 6 indicators, ma-cross. Over the
 * first 70 days of the engine bench's data (~11 M ticks: half of it, so that the five overhead
 * pairs and two checkpoint runs keep the whole bench near 5 minutes).
 */
export const TYPICAL: RunRequest = {
  symbols: ['EURUSD'],
  timeframes: [...BENCH_TIMEFRAMES],
  indicators: BENCH_INDICATORS,
  strategy: 'ma-cross',
  historySize: 1000,
  to: BENCH_START + 70 * 86_400_000,
};
/**
 * The same run recording no bars: its checkpoints embed their 1000-bar histories (format 2
 * 'embedded'), as every checkpoint did before issue 9 — the size and pause live state saves.
 */
const EMBEDDED: RunRequest = { ...TYPICAL, record: ['trades', 'equity'] };

const EVERY_SECOND: CheckpointPolicy = { intervalMs: 1000, everyTicks: 0, keep: 5, level: 3 };
const FREQUENT: CheckpointPolicy = { intervalMs: 0, everyTicks: 500_000, keep: 5, level: 3 };
const OVERHEAD_PAIRS = 5;

/**
 * checkpoint_overhead_pct: throughput with a checkpoint every second vs none, as the median of
 * OVERHEAD_PAIRS pair ratios. The two runs of a pair are back to back and their order alternates,
 * so a drift in the machine's load (other processes, thermal) falls on both sides alike.
 */
async function overheadPct(db: Db, dataDir: string, log: (s: string) => void): Promise<number> {
  const ratios: number[] = [];
  for (let r = 0; r < OVERHEAD_PAIRS; r++) {
    const withFirst = r % 2 === 1;
    const run = (checkpoints: CheckpointPolicy | null) =>
      runBacktest(db, dataDir, TYPICAL, { checkpoints }).then((s) => s.ticksPerSec);
    const a = await run(withFirst ? EVERY_SECOND : null);
    const b = await run(withFirst ? null : EVERY_SECOND);
    const [withCkpt, without] = withFirst ? [a, b] : [b, a];
    ratios.push(withCkpt / without);
    log(
      `checkpoint overhead pair ${r + 1}/${OVERHEAD_PAIRS}: ${(without / 1e6).toFixed(2)} vs ` +
        `${(withCkpt / 1e6).toFixed(2)} M ticks/s with a checkpoint every second`,
    );
  }
  return 100 * (1 - median(ratios));
}

/** A run with a checkpoint every 500 000 ticks: pause, write and size of each, then recovery. */
async function checkpointCosts(
  db: Db,
  dataDir: string,
  request: RunRequest,
  prefix: string,
  log: (s: string) => void,
): Promise<{ figures: Record<string, number>; runId: string }> {
  const results: CheckpointResult[] = [];
  const { runId } = await runBacktest(db, dataDir, request, {
    checkpoints: FREQUENT,
    onCheckpoint: (r) => results.push(r),
  });
  const rows = db
    .prepare(`SELECT pause_ms AS p FROM checkpoints WHERE run_id = ? AND status != 'failed'`)
    .all(runId) as { p: number }[];
  const pause = rows.map((r) => r.p);
  const ok = results.flatMap((r) => (r.ok ? [r] : []));
  // The file's write (encode, compress, durable write, read-back) apart from the commit of the
  // run output the checkpoint counts, which the writer does first (recording, not checkpointing).
  const write = ok.map((r) => r.totalMs - r.rowsMs);
  const rowsMs = ok.map((r) => r.rowsMs);
  const bytes = ok.map((r) => r.bytes);
  const recovery: number[] = [];
  for (let r = 0; r < 5; r++) recovery.push(await recoveryMs(db, dataDir, runId));
  log(
    `${prefix}: ${ok.length} checkpoints of ${Math.round(median(bytes) / 1024)} KB, pause p50 ` +
      `${median(pause).toFixed(3)} ms, write p50 ${median(write).toFixed(1)} ms, recovery ` +
      `${median(recovery).toFixed(1)} ms`,
  );
  return {
    runId,
    figures: {
      [`${prefix}_pause_ms_p50`]: round3(median(pause)),
      [`${prefix}_pause_ms_p99`]: round3(percentile(pause, 99)),
      [`${prefix}_write_ms_p50`]: round3(median(write)),
      [`${prefix}_write_ms_p99`]: round3(percentile(write, 99)),
      [`${prefix}_encode_ms_p50`]: round3(median(ok.map((r) => r.encodeMs))),
      [`${prefix}_compress_ms_p50`]: round3(median(ok.map((r) => r.compressMs))),
      [`${prefix}_durable_ms_p50`]: round3(median(ok.map((r) => r.durableMs))),
      [`${prefix}_verify_ms_p50`]: round3(median(ok.map((r) => r.verifyMs))),
      [`${prefix}_rows_commit_ms_p50`]: round3(median(rowsMs)),
      [`${prefix}_rows_commit_ms_p99`]: round3(percentile(rowsMs, 99)),
      [`${prefix}_bytes_typical`]: Math.round(median(bytes)),
      [`${prefix}_bytes_max`]: Math.max(...bytes),
      [`${prefix}_recovery_ms`]: round3(median(recovery)),
    },
  };
}

/**
 * Checkpoint costs on the engine bench's data: the typical checkpoint (1000-bar histories) and
 * the same run with 10-bar histories (live state only, what issue 9 §1 leaves in a checkpoint),
 * and the throughput cost of a checkpoint every second.
 */
export async function benchCheckpoints(
  db: Db,
  dataDir: string,
  log: (s: string) => void,
): Promise<{ figures: Record<string, number>; typicalRunId: string; embeddedRunId: string }> {
  const overhead = await overheadPct(db, dataDir, log);
  const typical = await checkpointCosts(db, dataDir, TYPICAL, 'checkpoint', log);
  const embedded = await checkpointCosts(db, dataDir, EMBEDDED, 'embedded_checkpoint', log);
  const t = typical.figures;
  return {
    typicalRunId: typical.runId,
    embeddedRunId: embedded.runId,
    figures: {
      checkpoint_bytes_typical: t.checkpoint_bytes_typical,
      checkpoint_pause_ms_p99: t.checkpoint_pause_ms_p99,
      checkpoint_write_ms_p99: t.checkpoint_write_ms_p99,
      recovery_ms: t.checkpoint_recovery_ms,
      checkpoint_overhead_pct: round3(overhead),
      ...t,
      ...embedded.figures,
    },
  };
}
