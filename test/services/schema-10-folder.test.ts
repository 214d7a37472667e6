/**
 * A data folder of the version before issue 12 (schema 10) opens in this version: migration 12
 * gives its trade rows swap and MAE/MFE 0, its equity rows margin 0 and no margin level, and no
 * refused order. Its runs (configs without `money`) export with the new columns — lots from the
 * run's account.lotSize — and map to DTOs without broker settings. Rows are written with the
 * old schema's own SQL, as that version's recorder wrote them.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRunInfo } from '../../src/main/services/api/dto-map.ts';
import { runResults } from '../../src/main/services/api/run-results.ts';
import { databasePath, openDatabase } from '../../src/main/services/db/database.ts';
import { MIGRATIONS } from '../../src/main/services/db/migrations.ts';
import { exportRun } from '../../src/main/services/runs/export-service.ts';
import { getRun } from '../../src/main/services/runs/run-store.ts';
import { minimalConfig } from './minimal-config.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
const T = Date.parse('2024-01-02T10:00:00Z');
const HOUR = 3_600_000;

function schema10Folder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(databasePath(dir));
  for (const sql of MIGRATIONS.slice(0, 10)) db.exec(sql);
  db.pragma('user_version = 10');
  // A legacy run: a lot of 10,000 units, no money settings, trades and equity stored.
  const config = minimalConfig({
    strategy: { name: 'ma-cross', params: {}, file: null },
    account: { balance: 10_000, lotSize: 10_000, commissionPerLot: 3.5, slippage: 0 },
    record: ['trades', 'equity'],
  });
  db.prepare(
    `INSERT INTO runs (id, created_at, status, config, ticks_total, ticks_done, stats)
     VALUES ('old-run', ?, 'completed', ?, 100, 100, '{"trades":2}')`,
  ).run(T, JSON.stringify(config));
  const trade = db.prepare(
    `INSERT INTO trades (run_id, seq, trade_id, symbol, side, size, entry_time, entry_price,
       exit_time, exit_price, exit_reason, gross_pnl, commission, net_pnl)
     VALUES ('old-run', ?, ?, 'EURUSD', ?, ?, ?, ?, ?, ?, 'signal', ?, ?, ?)`,
  );
  // 2.5 lots long 1.1 → 1.102: 25,000 × 0.002 = 50 gross, 2 × 2.5 × 3.5 = 17.5 commission.
  trade.run(1, 1, 'long', 25_000, T, 1.1, T + 2 * HOUR, 1.102, 50, 17.5, 32.5);
  // 0.4 lots short 1.103 → 1.101: 4,000 × 0.002 = 8 gross, 2 × 0.4 × 3.5 = 2.8 commission.
  trade.run(2, 2, 'short', 4_000, T + 3 * HOUR, 1.103, T + 4 * HOUR, 1.101, 8, 2.8, 5.2);
  const sample = db.prepare(
    `INSERT INTO equity (run_id, time, balance, equity, drawdown, drawdown_pct)
     VALUES ('old-run', ?, ?, ?, ?, ?)`,
  );
  sample.run(T, 10_000, 9_990, 10, 0.1);
  sample.run(T + 4 * HOUR, 10_037.7, 10_037.7, 0, 0);
  db.close();
}

describe('a data folder of the version before issue 12 (schema 10)', () => {
  it('migrates, and its runs export and show with the neutral money values', () => {
    const dir = tempDir();
    schema10Folder(dir);
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const out = path.join(dir, 'export');
    const files = exportRun(db, 'old-run', out).map((f) => path.basename(f));
    expect(files).toEqual(['trades.csv', 'rejections.csv', 'equity.csv', 'summary.json']);
    const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
    expect(read('trades.csv')).toBe(
      'id,symbol,side,size,entry_time,entry_price,exit_time,exit_price,exit_reason,gross_pnl,' +
        'commission,net_pnl,lots,swap,mae_pips,mae_money,mfe_pips,mfe_money,stop_loss,take_profit\n' +
        '1,EURUSD,long,25000,2024-01-02T10:00:00.000Z,1.1,2024-01-02T12:00:00.000Z,1.102,signal,' +
        '50,17.5,32.5,2.5,0,0,0,0,0,,\n' +
        '2,EURUSD,short,4000,2024-01-02T13:00:00.000Z,1.103,2024-01-02T14:00:00.000Z,1.101,signal,' +
        '8,2.8,5.2,0.4,0,0,0,0,0,,\n',
    );
    expect(read('equity.csv')).toBe(
      'time,balance,equity,drawdown,drawdown_pct,margin,margin_level\n' +
        '2024-01-02T10:00:00.000Z,10000,9990,10,0.1,0,\n' +
        '2024-01-02T14:00:00.000Z,10037.7,10037.7,0,0,0,\n',
    );
    expect(read('rejections.csv')).toBe(
      'time,order_id,symbol,side,size,lots,required_margin,free_margin,reason\n',
    );

    const run = getRun(db, 'old-run')!;
    expect(toRunInfo(run).money).toBeNull();
    const results = runResults(db, run);
    expect(results.trades.map((t) => [t.lots, t.swap, t.maePips])).toEqual([
      [2.5, 0, 0],
      [0.4, 0, 0],
    ]);
    expect(results.equity.map((p) => [p.margin, p.marginLevel])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(results.rejections).toEqual([]);
    db.close();
  });
});
