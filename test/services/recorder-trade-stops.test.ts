/**
 * The stop-loss / take-profit of a trade row (migration 14) through the recorder: stored and read
 * back, and a pending row of a checkpoint written before them resumes with none.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import type { Trade } from '../../src/main/engine/portfolio/types.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import { storedTrades } from '../../src/main/services/runs/result-rows.ts';
import { claimRun } from '../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../src/main/services/runs/run-recorder.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { minimalConfig } from './minimal-config.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
const CONFIG: RunConfig = minimalConfig({
  strategy: { name: 'ma-cross', params: {}, file: null },
});
const T = Date.parse('2024-01-02T00:00:00Z');

const trade = (id: number, stopLoss: number | null, takeProfit: number | null): Trade => ({
  id,
  symbol: 'EURUSD',
  side: 'long',
  size: 100_000,
  entryTime: T,
  entryPrice: 1.1,
  exitTime: T + id * 60_000,
  exitPrice: 1.0985,
  exitReason: 'stop-loss',
  grossPnl: -150,
  commission: 7,
  swap: 0,
  netPnl: -157,
  maePips: 15,
  maeMoney: 150,
  mfePips: 2,
  mfeMoney: 20,
  stopLoss,
  takeProfit,
});

function setUp() {
  const db = openDatabase(tempDir());
  const { id } = insertRun(db, CONFIG, 0);
  const claim = claimRun(db, id);
  return { db, id, claim };
}

describe('RunRecorder trade stops', () => {
  it('stores each trade’s stop-loss and take-profit, null when none', () => {
    const { db, id, claim } = setUp();
    const recorder = new RunRecorder(db, claim, CONFIG);
    const trades = [trade(1, 1.0985, 1.103), trade(2, null, 1.104), trade(3, null, null)];
    for (const t of trades) recorder.onTrade(t);
    recorder.flush();
    expect([...storedTrades(db, id)]).toEqual(trades);
  });

  it('resumes a pending trade row of a checkpoint from before migration 14 with no stops', () => {
    const { db, id, claim } = setUp();
    const t = trade(1, null, null);
    // seq, id, symbol, side, size, entry, exit, reason, pnl…, swap, MAE/MFE: no stops at the end.
    const oldRow = [1, t.id, t.symbol, t.side, t.size, t.entryTime, t.entryPrice, t.exitTime];
    oldRow.push(t.exitPrice, t.exitReason, t.grossPnl, t.commission, t.netPnl, t.swap);
    oldRow.push(t.maePips, t.maeMoney, t.mfePips, t.mfeMoney);
    expect(oldRow).toHaveLength(18);
    const recorder = new RunRecorder(db, claim, CONFIG);
    recorder.resumeFrom(
      { bars: [[null]], tradeSeq: 0, equityTime: null, rejectionSeq: 0 },
      { bars: [], trades: [oldRow], equity: [], rejections: [] },
    );
    recorder.onTrade(trade(2, 1.09, 1.11));
    recorder.flush();
    expect([...storedTrades(db, id)]).toEqual([t, trade(2, 1.09, 1.11)]);
  });
});
