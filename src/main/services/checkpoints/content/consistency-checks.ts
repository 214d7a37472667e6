/**
 * Cross-checks between the fields of a shape-valid checkpoint: the cursor against the counts
 * and the engine state, the config against its hash, and the output watermarks against what the
 * state says was produced. Each failure is a sentence naming the field. A checksum only proves
 * the bytes are the ones written; these prove they describe a state a run could have reached
 * (a checkpoint that fails them would continue into different results).
 */
import { configHash } from '../checkpoint-capture.ts';
import { recordsBars } from '../../runs/run-config.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { Problems } from './problem-text.ts';

const TIME_COLUMN = 0;

export function countProblems(d: CheckpointData): string[] {
  const out = new Problems();
  const sum = d.cursor.reduce((a, b) => a + b, 0);
  if (d.ticks !== sum) out.add(`ticks: ${d.ticks}, but the cursor adds up to ${sum}`);
  if (d.ticks > d.ticksTotal) out.add(`ticks: ${d.ticks} is more than ticksTotal ${d.ticksTotal}`);
  d.cursor.forEach((c, i) => {
    const consumed = d.state.engine.consumed[i];
    if (c !== consumed)
      out.add(`cursor[${i}]: ${c}, but the engine state consumed ${consumed} ticks`);
    if (c > d.fingerprint[i].tickCount)
      out.add(
        `cursor[${i}]: ${c} is past the ${d.fingerprint[i].tickCount} ticks of ${d.fingerprint[i].symbol}`,
      );
    // A symbol that consumed ticks knows the time of its last one, and only then.
    const lastTs = d.state.engine.partials[i][0].lastTs;
    if (c > 0 !== Number.isFinite(lastTs))
      out.add(`cursor[${i}]: ${c} ticks, but the last tick time of the state is ${lastTs}`);
  });
  const hash = configHash(d.config);
  if (d.configHash !== hash) out.add(`configHash: ${d.configHash}, the config hashes to ${hash}`);
  return out.list;
}

/** Newest bar time (committed or pending) each (symbol, timeframe) must have, from its history. */
function historyNewest(d: CheckpointData, s: number, k: number): number | null {
  const h = d.state.engine.histories[s][k];
  return h.rows.length === 0 ? null : h.rows[h.rows.length - h.width + TIME_COLUMN];
}

/**
 * A 'store' checkpoint's histories are not in the file; what it still promises: a history holds
 * rows exactly when the output holds a bar, and no more rows than bars closed. Whether the store
 * really holds them is a store check (content/history-checks.ts).
 */
function storeHistoryProblems(d: CheckpointData, outputEnd: (number | null)[][]): string[] {
  const out = new Problems();
  d.config.timeframes.forEach((tf, k) => {
    let rows = 0;
    d.config.symbols.forEach((symbol, s) => {
      const n = d.historyRows[s][k];
      rows += n;
      if (n > 0 !== (outputEnd[s][k] !== null))
        out.add(
          `historyRows[${s}][${k}]: ${n} rows, but the ${symbol} ${tf} output ends at ${outputEnd[s][k]}`,
        );
    });
    const closed = d.state.engine.barsClosed[k];
    if (rows > closed)
      out.add(`historyRows: ${rows} ${tf} rows, but the state has closed ${closed} ${tf} bars`);
  });
  return out.list;
}

/**
 * Watermarks say how far output was committed; pending rows follow them. Together they must end
 * exactly where the state ends — else resume deletes committed rows or keeps stale ones.
 */
export function watermarkProblems(d: CheckpointData): string[] {
  const out = new Problems();
  const { symbols, timeframes } = d.config;
  const w = d.watermarks;
  const notAfterSim = (where: string, t: number | null) => {
    if (t !== null && !(t <= d.simTime))
      out.add(`${where}: ${t} is after the checkpoint's time simTime ${d.simTime}`);
  };
  // Pending bar times per (symbol, timeframe), in one pass: a hostile file may hold many rows.
  const pendingTimes = new Map<string, number[]>();
  for (const r of d.pending.bars) {
    const key = `${r[0]}\u0000${r[1]}`;
    const list = pendingTimes.get(key) ?? [];
    list.push(r[2] as number);
    pendingTimes.set(key, list);
  }
  const bars = recordsBars(d.config);
  if (!bars && d.history === 'store')
    out.add("history: 'store', but the run does not record bars to rebuild histories from");
  const outputEnd = symbols.map((symbol, s) =>
    timeframes.map((tf, k) => {
      const where = `watermarks.bars[${s}][${k}]`;
      notAfterSim(where, w.bars[s][k]);
      let last = w.bars[s][k];
      for (const t of pendingTimes.get(`${symbol}\u0000${tf}`) ?? []) {
        if (last !== null && !(t > last))
          out.add(`pending bar ${symbol} ${tf} at ${t}: not after ${last} (${where})`);
        last = t;
      }
      const want = d.history === 'store' ? last : historyNewest(d, s, k);
      // A run that does not record bars outputs none: its output ends nowhere, whatever it closed.
      if (!bars) {
        if (last !== null) out.add(`${where}: output ends at ${last}, but the run records no bars`);
      } else if (last !== want)
        out.add(
          `${where}: output ends at ${last}, the state's newest ${symbol} ${tf} bar is ${want}`,
        );
      return last;
    }),
  );
  if (d.history === 'store') storeHistoryProblems(d, outputEnd).forEach((p) => out.add(p));

  notAfterSim('watermarks.equityTime', w.equityTime);
  let lastEquity = w.equityTime;
  for (const r of d.pending.equity) {
    const t = r[0] as number;
    if (lastEquity !== null && !(t > lastEquity))
      out.add(`pending equity at ${t}: not after ${lastEquity}`);
    lastEquity = t;
  }
  const sampled = d.state.lastSampleTime === -Infinity ? null : d.state.lastSampleTime;
  if (lastEquity !== sampled)
    out.add(
      `watermarks.equityTime: equity output ends at ${lastEquity}, the state sampled ${sampled} last`,
    );

  let seq = w.tradeSeq;
  d.pending.trades.forEach((r, i) => {
    if (r[0] !== seq + 1) out.add(`pending.trades[${i}][0]: seq ${r[0]}, expected ${seq + 1}`);
    seq = r[0] as number;
  });
  let rejectionSeq = w.rejectionSeq;
  d.pending.rejections.forEach((r, i) => {
    const where = `pending.rejections[${i}]`;
    if (r[0] !== rejectionSeq + 1)
      out.add(`${where}[0]: seq ${r[0]}, expected ${rejectionSeq + 1}`);
    notAfterSim(`${where}[1]`, r[1] as number);
    rejectionSeq = r[0] as number;
  });
  // Every trade id handed out belongs to a closed trade (≥ 1 row) or to an open position.
  const p = d.state.portfolio;
  const open = p.books.filter((b) => b.position.size !== 0).length;
  const closedAtLeast = p.nextTradeId - 1 - open;
  if (seq < closedAtLeast)
    out.add(
      `watermarks.tradeSeq: ${seq} trade rows, but the state has closed ${closedAtLeast} trades`,
    );
  return out.list;
}
