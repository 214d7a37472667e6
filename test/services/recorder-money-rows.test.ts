/**
 * The money output of issue 12 through RunRecorder and real SQLite: trades with swap and MAE/MFE,
 * equity samples with margin and margin level, and refused orders — stored, read back
 * unchanged, cut at a checkpoint's rejection watermark on resume, copied by a fork, handed to
 * the checkpoint writer, and only kept by runs that keep their trades.
 */
import { describe, expect, it } from 'vitest';
import type { OrderRejection, Trade } from '../../src/main/engine/portfolio/types.ts';
import type { EquitySample } from '../../src/main/engine/results/equity-tracker.ts';
import type { CheckpointData } from '../../src/main/services/checkpoints/checkpoint-data.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { forkRun } from '../../src/main/services/runs/fork-run.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import {
  countRejections,
  newestRejections,
  storedEquity,
  storedRejections,
  storedTrades,
} from '../../src/main/services/runs/result-rows.ts';
import { claimRun } from '../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../src/main/services/runs/run-recorder.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { minimalConfig } from './minimal-config.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
const STRATEGY = { name: 'ma-cross', params: {}, file: null };
const CONFIG: RunConfig = minimalConfig({ strategy: STRATEGY });
const T = Date.parse('2024-01-02T00:00:00Z');

const trade: Trade = {
  id: 1,
  symbol: 'EURUSD',
  side: 'long',
  size: 250_000,
  entryTime: T,
  entryPrice: 1.1,
  exitTime: T + 86_400_000,
  exitPrice: 1.1012,
  exitReason: 'stop-out',
  grossPnl: 300,
  commission: 17.5,
  swap: -4.75,
  netPnl: 277.75,
  maePips: 31.5,
  maeMoney: 787.5,
  mfePips: 14.2,
  mfeMoney: 355,
  stopLoss: null,
  takeProfit: null,
};

const sample = (i: number, marginLevel: number | null): EquitySample => ({
  time: T + i * 60_000,
  balance: 10_000,
  equity: 10_000 - i,
  drawdown: i,
  drawdownPct: i / 100,
  margin: marginLevel === null ? 0 : 2_750,
  marginLevel,
});

const rejection = (n: number): OrderRejection => ({
  time: T + n * 60_000,
  orderId: 10 + n,
  symbol: 'EURUSD',
  side: n % 2 ? 'sell' : 'buy',
  size: 100_000_000,
  reason: `not enough free margin: needs 3,666,666.67 USD, free ${n},000.00 USD`,
  requiredMargin: 3_666_666.666666667,
  freeMargin: n * 1000,
});

function setUp(config = CONFIG) {
  const db = openDatabase(tempDir());
  const { id } = insertRun(db, config, 0);
  const claim = claimRun(db, id);
  return { db, id, claim, recorder: new RunRecorder(db, claim, config) };
}

describe('RunRecorder money rows', () => {
  it('stores swap, MAE/MFE, margin and margin level, and reads them back unchanged', () => {
    const { db, id, recorder } = setUp();
    recorder.onTrade(trade);
    recorder.onEquity(sample(0, null));
    recorder.onEquity(sample(1, 363.63636363636363));
    recorder.flush();
    expect([...storedTrades(db, id)]).toEqual([trade]);
    expect([...storedEquity(db, id)]).toEqual([sample(0, null), sample(1, 363.63636363636363)]);
  });

  it('keeps refused orders in order; resume cuts them at the checkpoint and continues the seq', () => {
    const { db, id, claim, recorder } = setUp();
    for (const n of [1, 2, 3]) recorder.onReject(rejection(n));
    const { watermarks, pending } = recorder.capture();
    expect(watermarks.rejectionSeq).toBe(3);
    expect(pending.rejections).toEqual([]);
    // The crashed session went on and committed two more before it died.
    for (const n of [4, 5]) recorder.onReject(rejection(n));
    recorder.flush();
    expect(countRejections(db, id)).toBe(5);

    const resumed = new RunRecorder(db, claim, CONFIG);
    resumed.resumeFrom(watermarks, pending);
    expect([...storedRejections(db, id)]).toEqual([1, 2, 3].map(rejection));
    resumed.onReject(rejection(6));
    const next = resumed.capture();
    expect(next.watermarks.rejectionSeq).toBe(4);
    const seqs = db.prepare('SELECT seq FROM order_rejections WHERE run_id = ? ORDER BY seq');
    expect(seqs.pluck().all(id)).toEqual([1, 2, 3, 4]);
    expect([...storedRejections(db, id)]).toEqual([1, 2, 3, 6].map(rejection));
    // A view takes the newest, oldest first.
    expect(newestRejections(db, id, 2)).toEqual([3, 6].map(rejection));
  });

  it('queues pending rejections of a checkpoint and hands its rows to the checkpoint writer', () => {
    const { db, id, claim } = setUp();
    const recorder = new RunRecorder(db, claim, CONFIG);
    const row = (n: number) => {
      const r = rejection(n);
      return [n, r.time, r.orderId, r.symbol, r.side, r.size, r.reason, r.requiredMargin, 0];
    };
    recorder.resumeFrom(
      { bars: [[null]], tradeSeq: 0, equityTime: null, rejectionSeq: 0 },
      { bars: [], trades: [], equity: [], rejections: [row(1), row(2)] },
    );
    recorder.onReject(rejection(3));
    const handed = recorder.captureForWriter();
    expect(handed.watermarks.rejectionSeq).toBe(3);
    expect(handed.writes?.rejections.map((r) => r[0])).toEqual([1, 2, 3]);
    expect(countRejections(db, id)).toBe(0); // the writer thread commits them, not this one
  });

  it('a fork copies the refused orders up to the checkpoint, the parent keeps all', () => {
    const { db, id, recorder } = setUp();
    recorder.onTrade(trade);
    recorder.onEquity(sample(0, 200));
    for (const n of [1, 2]) recorder.onReject(rejection(n));
    const { watermarks } = recorder.capture();
    recorder.onReject(rejection(3));
    recorder.flush();
    const data = { config: CONFIG, ticksTotal: 0, seq: 1, watermarks } as CheckpointData;
    const child = forkRun(db, id, data);
    expect([...storedRejections(db, child)]).toEqual([1, 2].map(rejection));
    expect([...storedTrades(db, child)]).toEqual([trade]);
    expect([...storedEquity(db, child)]).toEqual([sample(0, 200)]);
    expect(countRejections(db, id)).toBe(3);
  });

  it('a run that keeps no trades keeps no refused orders, but counts them', () => {
    const config = minimalConfig({ strategy: STRATEGY, record: ['equity'] });
    const { db, id, recorder } = setUp(config);
    for (const n of [1, 2]) recorder.onReject(rejection(n));
    expect(recorder.capture().watermarks.rejectionSeq).toBe(2);
    expect(countRejections(db, id)).toBe(0);
  });
});
