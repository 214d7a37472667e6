/**
 * The contract of readHistoryTail (decision D of issue 9), whatever stores the bars: the last n
 * bars with time <= upto, oldest first, in BarHistory's row layout, values bit for bit (NaN
 * payloads and -0 included). Bars are written by the real RunRecorder into a real database.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { readHistoryTail } from '../../src/main/services/runs/bar-store/history-tail.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import { claimRun } from '../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../src/main/services/runs/run-recorder.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
const CONFIG: RunConfig = {
  symbols: ['EURUSD', 'GBPUSD'],
  from: null,
  to: null,
  timeframes: ['M1', 'H1'],
  indicators: ['sma(3)', 'bbands(20,2)'],
  price: 'bid',
  historySize: 5,
  strategy: null,
  account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 0, slippage: 0 },
};
const WIDTH = 7 + 4; // sma: 1 value, bbands: 3
const ODD_NAN = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0];

/** Bar i of a (symbol, timeframe): distinct values, some NaN with a payload, one -0. */
function row(s: number, k: number, i: number): Float64Array {
  const t = Date.UTC(2024, 0, 1) + (k === 0 ? 60_000 : 3_600_000) * i;
  const p = 1 + s + i / 1000;
  return Float64Array.of(
    t,
    p,
    p + 0.01,
    p - 0.01,
    p,
    3 + i,
    10 + i,
    i < 2 ? ODD_NAN : p,
    -0,
    i,
    NaN,
  );
}

function recorded() {
  const db = openDatabase(tempDir());
  const run = insertRun(db, CONFIG, 0);
  const rec = new RunRecorder(db, claimRun(db, run.id), CONFIG);
  for (let i = 0; i < 12; i++)
    for (let s = 0; s < 2; s++)
      for (let k = 0; k < 2; k++) {
        const r = row(s, k, i);
        const [time, open, high, low, close, volume, ticks] = r;
        rec.onBarClosed(s, k, { time, open, high, low, close, volume, ticks }, r.slice(7));
      }
  rec.flush();
  return { db, runId: run.id };
}

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('readHistoryTail', () => {
  it('gives the last n bars up to a time, oldest first, bit for bit', () => {
    const { db, runId } = recorded();
    const upto = row(1, 1, 9)[0];
    const tail = readHistoryTail(db, runId, 'GBPUSD', 'H1', upto, 4, WIDTH);
    const want = new Float64Array(4 * WIDTH);
    [6, 7, 8, 9].forEach((i, j) => want.set(row(1, 1, i), j * WIDTH));
    expect(bits(tail).equals(bits(want))).toBe(true);
  });

  it('gives fewer when fewer are stored, none for a null time, none past the run', () => {
    const { db, runId } = recorded();
    const early = readHistoryTail(db, runId, 'EURUSD', 'M1', row(0, 0, 1)[0], 5, WIDTH);
    expect(early.length / WIDTH).toBe(2);
    expect(bits(early.subarray(WIDTH)).equals(bits(row(0, 0, 1)))).toBe(true);
    expect(readHistoryTail(db, runId, 'EURUSD', 'M1', null, 5, WIDTH)).toHaveLength(0);
    expect(readHistoryTail(db, 'no-such-run', 'EURUSD', 'M1', 9e15, 5, WIDTH)).toHaveLength(0);
    expect(readHistoryTail(db, runId, 'EURUSD', 'M1', 9e15, 100, WIDTH).length / WIDTH).toBe(12);
  });
});
