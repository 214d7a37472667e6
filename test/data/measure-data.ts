/**
 * Throughput of the data layer, for the record (not a test: no thresholds).
 *
 *   node test/data/measure-data.ts [days=30]
 *
 * Generates `days` of EURUSD, then times: the generator, chunk encode/decode (bytes per tick),
 * and readTickCsv over the same ticks written as CSV in each vendor format (temp files).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTickChunk, encodeTickChunk } from '../../src/main/engine/data/chunk-codec.ts';
import { readTickCsv } from '../../src/main/engine/data/csv/index.ts';
import { generateTicks } from '../../src/main/engine/data/generate/index.ts';
import { allocTickBatch, type TickBatch } from '../../src/main/engine/data/tick-batch.ts';

const days = Number(process.argv[2] ?? 30);
const opts = { symbol: 'EURUSD', start: Date.parse('2024-01-08T00:00:00Z'), days, seed: 1 };
const fmt = (perMs: number): string => `${(perMs / 1000).toFixed(2)} M/s`;

/** Best of `reps` runs of fn, which returns how many items it handled. */
function best(reps: number, fn: () => number): { n: number; perMs: number } {
  let top = 0;
  let n = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    n = fn();
    top = Math.max(top, n / (performance.now() - t0));
  }
  return { n, perMs: top };
}

function copy(b: TickBatch, withVolumes: boolean): TickBatch {
  const c = allocTickBatch(b.length, withVolumes);
  for (const k of ['ts', 'bid', 'ask', 'bidVol', 'askVol'] as const)
    c[k]?.set(b[k]!.subarray(0, b.length));
  c.length = b.length;
  return c;
}

// Generator
const gen = best(3, () => {
  let n = 0;
  for (const b of generateTicks(opts)) n += b.length;
  return n;
});
console.log(`generateTicks: ${gen.n} ticks (${days} days EURUSD), ${fmt(gen.perMs)}`);

const batches = [...generateTicks(opts)];
const total = batches.reduce((s, b) => s + b.length, 0);

// Codec
for (const withVolumes of [true, false]) {
  const src = withVolumes ? batches : batches.map((b) => copy(b, false));
  let chunks: Uint8Array[] = [];
  const enc = best(3, () => {
    chunks = src.map((b) => encodeTickChunk(b, 0, b.length));
    return total;
  });
  const bytes = chunks.reduce((s, c) => s + c.length, 0);
  let into = allocTickBatch(65_536, withVolumes);
  const dec = best(5, () => {
    for (const c of chunks) into = decodeTickChunk(c, into);
    return total;
  });
  console.log(
    `chunk codec ${withVolumes ? 'with' : 'without'} volumes: encode ${fmt(enc.perMs)}, decode ${fmt(dec.perMs)}, ` +
      `${(bytes / total).toFixed(2)} bytes/tick (raw ${withVolumes ? 40 : 24})`,
  );
}

// CSV
const dir = mkdtempSync(join(tmpdir(), 'backtestr-measure-'));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
function dayFirst(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate(), 2)}.${pad(d.getUTCMonth() + 1, 2)}.${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
}
function histdata(t: number): string {
  const d = new Date(t - 5 * 3_600_000).toISOString();
  return `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}${d.slice(20, 23)}`;
}
const formats: [name: string, header: string, row: (b: TickBatch, i: number) => string][] = [
  ['generic epoch ms', 'timestamp,bid,ask\n', (b, i) => `${b.ts[i]},${b.bid[i]},${b.ask[i]}\n`],
  [
    'generic ISO + volumes',
    'timestamp,bid,ask,bid_volume,ask_volume\n',
    (b, i) =>
      `${new Date(b.ts[i]).toISOString()},${b.bid[i]},${b.ask[i]},${b.bidVol![i]},${b.askVol![i]}\n`,
  ],
  [
    'dukascopy export (CRLF)',
    'Gmt time,Ask,Bid,AskVolume,BidVolume\r\n',
    (b, i) => `${dayFirst(b.ts[i])},${b.ask[i]},${b.bid[i]},${b.askVol![i]},${b.bidVol![i]}\r\n`,
  ],
  [
    'histdata',
    '',
    (b, i) => `${histdata(b.ts[i])},${b.bid[i].toFixed(6)},${b.ask[i].toFixed(6)},0\n`,
  ],
  [
    'truefx',
    '',
    (b, i) =>
      `EUR/USD,${new Date(b.ts[i]).toISOString().slice(0, 23).replace(/-/g, '').replace('T', ' ')},${b.bid[i]},${b.ask[i]}\n`,
  ],
];
try {
  for (const [name, header, row] of formats) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    const out = createWriteStream(file);
    out.write(header);
    for (const b of batches) {
      let s = '';
      for (let i = 0; i < b.length; i++) s += row(b, i);
      if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    let top = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      let n = 0;
      for await (const b of readTickCsv(file)) n += b.length;
      top = Math.max(top, n / (performance.now() - t0));
    }
    const mb = statSync(file).size / 1e6;
    console.log(
      `readTickCsv ${name}: ${total} lines, ${mb.toFixed(0)} MB, ${fmt(top)} lines (${((top * mb * 1000) / total).toFixed(0)} MB/s)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
