/**
 * `checkpoints inspect` and the app's checkpoint browser: one decoded checkpoint as a report of
 * plain JSON data — what run and where in it, the bars being built, indicator values, strategy
 * state, account and the SQLite bookkeeping. Pure: it reads the data, never a file or the
 * database, so the CLI (text or --json) and the renderer (over IPC) show the same thing.
 */
import type { InspectReport } from '../../../../shared/reports.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { framesOf } from './frames.ts';
import { portfolioOf } from './portfolio-view.ts';
import { isoTime, num, pct, toJson } from './values.ts';

/** What the checkpoint reader knows about the file around the data. */
export interface CheckpointFileInfo {
  path: string;
  fileBytes: number;
  /** Size of the decoded (uncompressed) payload. */
  payloadBytes: number;
  header: { version: number; createdAt: number };
}

export type { InspectReport } from '../../../../shared/reports.ts';

export function inspectCheckpoint(data: CheckpointData, file: CheckpointFileInfo): InspectReport {
  const { config, state } = data;
  const { symbols, timeframes } = state.engine.config;
  return {
    file: {
      path: file.path,
      fileBytes: file.fileBytes,
      payloadBytes: file.payloadBytes,
      compressionRatio: file.fileBytes > 0 ? num(file.payloadBytes / file.fileBytes) : null,
    },
    versions: {
      format: data.formatVersion,
      header: file.header.version,
      app: data.appVersion,
      createdAt: isoTime(file.header.createdAt),
    },
    run: {
      id: data.runId,
      seq: data.seq,
      strategy: config.strategy?.name ?? null,
      params: toJson(config.strategy?.params ?? {}),
      symbols: [...config.symbols],
      timeframes: [...config.timeframes],
      indicators: [...config.indicators],
    },
    cursor: {
      ticks: data.ticks,
      ticksTotal: data.ticksTotal,
      progressPct: pct(data.ticks, data.ticksTotal),
      perSymbol: config.symbols.map((symbol, i) => ({ symbol, ticks: data.cursor[i] })),
      simTime: isoTime(data.simTime),
    },
    meta: {
      trigger: data.meta.trigger,
      wallTime: isoTime(data.meta.wallTime),
      elapsedSeconds: num(data.meta.elapsedSeconds),
      ticksPerSec: num(data.meta.ticksPerSec),
    },
    barsClosed: timeframes.map((timeframe, k) => ({
      timeframe,
      bars: state.engine.barsClosed[k],
    })),
    frames: framesOf(data),
    strategyState: toJson(state.strategyState, 'strategyState'),
    portfolio: portfolioOf(data),
    watermarks: {
      bars: symbols.flatMap((symbol, s) =>
        timeframes.map((timeframe, k) => {
          return { symbol, timeframe, time: isoTime(data.watermarks.bars[s]?.[k] ?? null) };
        }),
      ),
      tradeSeq: data.watermarks.tradeSeq,
      equityTime: isoTime(data.watermarks.equityTime),
    },
    pendingRows: {
      bars: data.pending.bars.length,
      trades: data.pending.trades.length,
      equity: data.pending.equity.length,
    },
  };
}
