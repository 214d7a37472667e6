/**
 * Checks of a content-valid checkpoint against what the data folder holds: the run's stored
 * ticks (the cursor must point into them, at the tick the state says it saw last), the run
 * record (same config, same tick total), the output rows the watermarks claim committed, and —
 * for a 'store' checkpoint — the bars its histories are rebuilt from (history-checks.ts).
 * Resume runs these for each candidate, so a failure quarantines the file and falls back.
 */
import type { Db } from '../../db/database.ts';
import { barStoredAt, countBarsBetween } from '../../runs/bar-store/stored-bars.ts';
import {
  recordsEquity,
  recordsTrades,
  talliesStatistics,
  type RunRecord,
} from '../../runs/run-config.ts';
import { loadTally } from '../../runs/run-tallies.ts';
import { countTicks, openTickSource, readSymbol, type SymbolInfo } from '../../ticks/tick-store.ts';
import { configHash, fingerprintOf } from '../checkpoint-capture.ts';
import type { CheckpointData, SymbolFingerprint } from '../checkpoint-data.ts';
import { historyCheck } from './history-checks.ts';

/** Symbols whose stored ticks are no longer those the checkpoint was taken on. */
export function changedSymbols(db: Db, d: CheckpointData): string[] {
  const now = fingerprintOf(db, d.config);
  const same = (a: SymbolFingerprint, b: SymbolFingerprint | undefined) =>
    b !== undefined &&
    a.symbol === b.symbol &&
    a.tickCount === b.tickCount &&
    Object.is(a.firstTs, b.firstTs) &&
    Object.is(a.lastTs, b.lastTs) &&
    a.contentHash === b.contentHash;
  return d.fingerprint.filter((f, i) => !same(f, now[i])).map((f) => f.symbol);
}

type Range = { from?: number; to?: number };

function tickTimeAt(db: Db, info: SymbolInfo, range: Range, index: number): number {
  const batch = openTickSource(db, info, { ...range, skip: index }).next();
  return batch === null ? NaN : batch.ts[0];
}

/** The cursor against the stored ticks; only meaningful while changedSymbols() is empty. */
export function tickProblems(db: Db, d: CheckpointData): string[] {
  const out: string[] = [];
  const range = { from: d.config.from ?? undefined, to: d.config.to ?? undefined };
  let total = 0;
  d.config.symbols.forEach((symbol, s) => {
    const info = readSymbol(db, symbol);
    const n = info ? countTicks(db, info, range) : 0;
    total += n;
    const c = d.cursor[s];
    if (c > n) {
      out.push(`cursor[${s}]: ${c} is past the ${n} stored ticks of ${symbol} in the run's range`);
    } else if (c > 0 && info) {
      const t = tickTimeAt(db, info, range, c - 1);
      const seen = d.state.engine.partials[s][0].lastTs;
      if (t !== seen)
        out.push(
          `cursor[${s}]: stored tick ${c} of ${symbol} is at ${t}, the state's last is at ${seen}`,
        );
    }
  });
  if (d.ticksTotal !== total)
    out.push(`ticksTotal: ${d.ticksTotal}, the run's range holds ${total} stored ticks`);
  return out;
}

/** The checkpoint against its own run's record and committed output rows. */
export function runProblems(db: Db, d: CheckpointData, run: RunRecord): string[] {
  const out: string[] = [];
  if (configHash(run.config) !== d.configHash)
    out.push(`config: differs from the settings of run ${run.id}`);
  if (run.ticksTotal !== d.ticksTotal)
    out.push(`ticksTotal: ${d.ticksTotal}, run ${run.id} has ${run.ticksTotal}`);
  const one = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  const w = d.watermarks;
  const trades = one(
    'SELECT COUNT(*) FROM trades WHERE run_id = ? AND seq <= ?',
    run.id,
    w.tradeSeq,
  );
  if (recordsTrades(d.config) && trades !== w.tradeSeq)
    out.push(`watermarks.tradeSeq: ${w.tradeSeq}, but ${trades} trade rows are stored`);
  const rejections = one(
    'SELECT COUNT(*) FROM order_rejections WHERE run_id = ? AND seq <= ?',
    run.id,
    w.rejectionSeq,
  );
  if (recordsTrades(d.config) && rejections !== w.rejectionSeq)
    out.push(
      `watermarks.rejectionSeq: ${w.rejectionSeq}, but ${rejections} order rejections are stored`,
    );
  if (
    recordsEquity(d.config) &&
    w.equityTime !== null &&
    one('SELECT COUNT(*) FROM equity WHERE run_id = ? AND time = ?', run.id, w.equityTime) === 0
  )
    out.push(`watermarks.equityTime: no equity row is stored at ${w.equityTime}`);
  // A run without trade or equity rows resumes its statistics from the snapshot at its marks.
  const atStart = w.tradeSeq === 0 && w.equityTime === null;
  if (talliesStatistics(d.config) && !atStart && loadTally(db, { runId: run.id, ...w }) === null)
    out.push(
      `watermarks: no statistics snapshot is stored at trade ${w.tradeSeq}, equity time ${w.equityTime}`,
    );
  // Pending rows follow the watermark directly: a stored row between the two was committed
  // before the checkpoint but is not covered by its watermark (resume would delete it).
  const firstPendingEquity = d.pending.equity[0]?.[0] as number | undefined;
  if (firstPendingEquity !== undefined) {
    const sql = 'SELECT COUNT(*) FROM equity WHERE run_id = ? AND time > ? AND time < ?';
    const n = one(sql, run.id, w.equityTime ?? -8.64e15, firstPendingEquity);
    if (n > 0)
      out.push(`watermarks.equityTime: ${w.equityTime} leaves out ${n} stored equity rows`);
  }
  d.config.symbols.forEach((symbol, s) =>
    d.config.timeframes.forEach((timeframe, k) => {
      const where = `watermarks.bars[${s}][${k}]`;
      const series = { runId: run.id, symbol, timeframe };
      const t = w.bars[s][k];
      if (t !== null && !barStoredAt(db, series, t))
        out.push(`${where}: no ${symbol} ${timeframe} bar is stored at ${t}`);
      const first = d.pending.bars.find((r) => r[0] === symbol && r[1] === timeframe)?.[2] as
        number | undefined;
      if (first === undefined) return;
      const n = countBarsBetween(db, series, t ?? -8.64e15, first);
      if (n > 0) out.push(`${where}: ${t} leaves out ${n} stored ${symbol} ${timeframe} bars`);
    }),
  );
  return out;
}

/**
 * Every store check that applies: tick checks while the stored ticks are unchanged (a changed
 * store is resume's own question, answered with --force), run checks when `run` is the
 * checkpoint's own run (never for a savepoint, which claims nothing about any store), history
 * checks when the checkpoint's run is here. `ticksChanged` lists the symbols whose ticks
 * changed; `restorable` is the checkpoint with its histories in place, null if they are not.
 */
export function storeCheckProblems(
  db: Db,
  d: CheckpointData,
  run: RunRecord | undefined,
): {
  problems: string[];
  ticksChanged: string[];
  restorable: CheckpointData | null;
  skipped: string | null;
} {
  const ticksChanged = changedSymbols(db, d);
  const ownRun = run !== undefined && run.id === d.runId && d.meta.trigger !== 'savepoint';
  const problems = [
    ...(ticksChanged.length === 0 ? tickProblems(db, d) : []),
    ...(ownRun ? runProblems(db, d, run) : []),
  ];
  // Rebuild histories only from rows that passed the run checks.
  const history =
    problems.length === 0 ? historyCheck(db, d) : { restorable: null, problems: [], skipped: null };
  problems.push(...history.problems);
  return { problems, ticksChanged, restorable: history.restorable, skipped: history.skipped };
}
