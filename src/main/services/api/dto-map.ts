/**
 * Services' records → the DTOs that cross IPC (src/shared/dto.ts): plain JSON values, times as
 * ms UTC, NaN and infinities as null. The one place that knows both shapes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Dto from '../../../shared/dto.ts';
import type { CheckpointRow } from '../checkpoints/checkpoint-store.ts';
import { recordedKinds, type RunRecord } from '../runs/run-config.ts';
import type { StrategyInfo, StrategyLoadProblem } from '../strategies/strategy-loader.ts';
import type { SymbolInfo } from '../ticks/tick-store.ts';
import { toRunMoney } from './money-dto.ts';

/** A finite number, or null. */
export function finite(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

export function toSymbolSummary(s: SymbolInfo): Dto.SymbolSummary {
  return { symbol: s.name, first: s.firstTs, last: s.lastTs, ticks: s.tickCount };
}

/** `cluster`: where the run went, if it was sent to a cluster (cluster-run-rows.ts). */
export function toRunInfo(r: RunRecord, cluster: Dto.RunClusterInfo | null = null): Dto.RunInfo {
  const c = r.config;
  return {
    id: r.id,
    status: r.status,
    createdAt: r.createdAt,
    symbols: [...c.symbols],
    timeframes: [...c.timeframes],
    indicators: [...c.indicators],
    strategy: c.strategy && { name: c.strategy.name, params: { ...c.strategy.params } },
    account: { ...c.account },
    money: toRunMoney(c),
    from: c.from,
    to: c.to,
    ticksDone: r.ticksDone,
    ticksTotal: r.ticksTotal,
    seconds: r.seconds,
    error: r.error,
    parentRunId: r.parentRunId,
    parentSeq: r.parentSeq,
    stats: r.stats,
    report: toReportDto(r.report),
    record: recordedKinds(r.config),
    sweepId: r.sweepId ?? null,
    cluster,
  };
}

/** A run's stored report (runs.report) as the app shows it; null when none was computed. */
export function toReportDto(r: RunRecord['report']): Dto.RunReportDto | null {
  if (!r) return null;
  return {
    monthly: r.monthly.map((m) => ({
      month: m.month,
      profit: m.profit,
      returnPct: finite(m.returnPct),
    })),
    warnings: [...r.warnings],
    toDate: r.toDate,
  };
}

/**
 * A checkpoint index row as the app shows it. The file is the truth: a 'valid' row whose file is
 * gone from `dir` is reported 'missing' (as `backtestr checkpoints list` does).
 */
export function toCheckpointInfo(
  row: CheckpointRow,
  ticksTotal: number,
  dir: string,
): Dto.CheckpointInfo {
  const missing = row.status === 'valid' && !fs.existsSync(path.join(dir, row.file));
  return {
    seq: row.seq,
    ticks: row.ticks,
    progressPct: ticksTotal > 0 ? (100 * row.ticks) / ticksTotal : 0,
    simTime: finite(row.simTime),
    wallTime: row.wallTime,
    trigger: row.trigger,
    bytes: row.bytes,
    status: missing ? 'missing' : row.status,
    pauseMs: finite(row.pauseMs),
    writeMs: finite(row.writeMs),
  };
}

export function toStrategyList(list: {
  strategies: StrategyInfo[];
  errors: StrategyLoadProblem[];
}): Dto.StrategyList {
  return {
    strategies: list.strategies.map((s) => ({
      name: s.name,
      description: s.description,
      source: s.source,
      file: s.file,
      params: s.params.map((p) => ({ ...p, ...(p.choices && { choices: [...p.choices] }) })),
    })),
    errors: list.errors.map((e) => ({ file: e.file, message: e.message })),
  };
}
