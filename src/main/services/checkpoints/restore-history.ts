/**
 * The one place a checkpoint's bar histories are put back together. A 'store' checkpoint holds
 * none (checkpoint-data.ts): each (symbol, timeframe) history is the last `historySize` bars of
 * the run's bar store up to the checkpoint's bar watermark, then the checkpoint's pending bars.
 * Resume, fork, verify's trial restore, savepoint export and the bench all restore through
 * here, so they cannot disagree about what a checkpoint means.
 */
import type { BacktestSnapshot } from '../../engine/backtest/backtest.ts';
import type { BarHistoryState } from '../../engine/mtf/bar-history.ts';
import type { Db } from '../db/database.ts';
import { readHistoryTail } from '../runs/bar-store/history-tail.ts';
import type { CheckpointData } from './checkpoint-data.ts';

/** Columns before the indicator values in a history row (time, OHLCV, ticks). */
const BASE = 7;

/** A pending bar row as RunRecorder queues it, in BarHistory's row layout. */
function pendingRow(r: unknown[], width: number): Float64Array {
  const row = new Float64Array(width);
  for (let c = 0; c < BASE; c++) row[c] = r[c + 2] as number;
  const blob = r[9] as Uint8Array;
  if (blob.length !== (width - BASE) * 8)
    throw new Error(
      `pending bar at ${r[2]}: ${blob.length / 8} indicator values, the history has ${width - BASE}`,
    );
  const bytes = blob.slice(); // an aligned copy: a decoded blob may sit at any offset
  row.set(new Float64Array(bytes.buffer, 0, width - BASE), BASE);
  return row;
}

/** Store tail, then pending rows, keeping the newest `capacity`. */
function joined(tail: Float64Array, pending: Float64Array[], h: BarHistoryState): Float64Array {
  if (pending.length === 0) return tail; // the usual case: capture committed them (at most capacity rows)
  const w = h.width;
  const all = new Float64Array(tail.length + pending.length * w);
  all.set(tail);
  pending.forEach((r, i) => all.set(r, tail.length + i * w));
  const keep = Math.min(all.length / w, h.capacity);
  return all.slice(all.length - keep * w);
}

export interface RestorableCheckpoint {
  /** The checkpoint with its histories in place ('embedded'), when they could be read. */
  data: CheckpointData;
  /** Why the histories could not be rebuilt; empty when `data` is complete. */
  problems: string[];
}

/**
 * `d` with every history filled: as it is for 'embedded', from the bar store of run `d.runId`
 * for 'store'. Each rebuilt history must hold exactly the rows the checkpoint counted at capture
 * (historyRows): fewer means the store lost bars the checkpoint relies on, and the run would
 * continue with other indicator inputs — a problem, named, never a silent short history.
 */
export function withHistories(db: Db, d: CheckpointData): RestorableCheckpoint {
  if (d.history === 'embedded') return { data: d, problems: [] };
  const problems: string[] = [];
  const { symbols, timeframes } = d.config;
  const pendingOf = new Map<string, unknown[][]>();
  for (const r of d.pending.bars) {
    const key = `${r[0]}\u0000${r[1]}`;
    const list = pendingOf.get(key);
    if (list) list.push(r);
    else pendingOf.set(key, [r]);
  }
  const histories = d.state.engine.histories.map((row, s) =>
    row.map((h, k): BarHistoryState => {
      const symbol = symbols[s];
      const tf = timeframes[k];
      let tail: Float64Array;
      let pending: Float64Array[];
      try {
        const upto = d.watermarks.bars[s][k];
        tail = readHistoryTail(db, d.runId, symbol, tf, upto, h.capacity, h.width);
        pending = (pendingOf.get(`${symbol}\u0000${tf}`) ?? []).map((r) => pendingRow(r, h.width));
      } catch (err) {
        problems.push(`history of ${symbol} ${tf}: ${(err as Error).message}`);
        return h;
      }
      const rows = joined(tail, pending, h);
      const want = d.historyRows[s][k];
      const oldest = rows.length > 0 ? rows[0] : null;
      if (rows.length / h.width !== want)
        problems.push(
          `historyRows[${s}][${k}]: ${want} ${symbol} ${tf} bars, but the bar store of run ` +
            `${d.runId} holds ${tail.length / h.width} up to ${d.watermarks.bars[s][k]}` +
            (pending.length > 0 ? ` (+${pending.length} pending)` : ''),
        );
      else if (oldest !== d.historyOldest[s][k])
        problems.push(
          `historyOldest[${s}][${k}]: the ${symbol} ${tf} history starts at ${d.historyOldest[s][k]}, ` +
            `but read back from the bar store of run ${d.runId} it starts at ${oldest}: bars are missing`,
        );
      return { ...h, rows };
    }),
  );
  if (problems.length > 0) return { data: d, problems };
  const state: BacktestSnapshot = { ...d.state, engine: { ...d.state.engine, histories } };
  return { data: { ...d, state, history: 'embedded' }, problems: [] };
}
