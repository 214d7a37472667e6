/**
 * A data folder written by the version before bar chunks (schema 5: one `bars` row per closed
 * bar) opens in this version, migrates, and exports the same files, byte for byte, as the same
 * run recorded by this version — and the bar CSVs equal what the old export code makes of the
 * old rows. The old folder is built through SQL with the old schema, its rows written as the old
 * recorder wrote them from an engine run of its own.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndicatorSet } from '../../../src/main/engine/mtf/indicator-set.ts';
import { MtfEngine } from '../../../src/main/engine/mtf/mtf-engine.ts';
import { TickMerger } from '../../../src/main/engine/mtf/tick-merger.ts';
import { databasePath, openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { MIGRATIONS } from '../../../src/main/services/db/migrations.ts';
import { formatNumber, isoTime } from '../../../src/main/services/runs/csv-writer.ts';
import { exportRun } from '../../../src/main/services/runs/export-service.ts';
import { engineConfigOf, type RunConfig } from '../../../src/main/services/runs/run-config.ts';
import { runBacktest } from '../../../src/main/services/runs/run-service.ts';
import { getRun } from '../../../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../../../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../../../src/main/services/ticks/tick-store.ts';
import { useTempDir } from '../temp-dir.ts';
import { insertLegacyRow } from './bar-rows.ts';

const tempDir = useTempDir();

/** The bars CSV exactly as the export of the previous version wrote it from the row table. */
function oldBarsCsv(db: Db, runId: string, config: RunConfig, symbol: string, tf: string): string {
  const header = ['time', 'open', 'high', 'low', 'close', 'volume', 'ticks'];
  header.push(...new IndicatorSet(config.indicators).columns);
  let out = header.join(',') + '\n';
  const rows = db
    .prepare(
      `SELECT time, open, high, low, close, volume, ticks, indicators FROM bars
       WHERE run_id = ? AND symbol = ? AND timeframe = ? ORDER BY time`,
    )
    .all(runId, symbol, tf) as Record<string, number | Buffer>[];
  for (const r of rows) {
    const cells = [isoTime(r.time as number)];
    for (const k of ['open', 'high', 'low', 'close', 'volume', 'ticks'])
      cells.push(formatNumber(r[k] as number));
    const blob = r.indicators as Buffer;
    const copy = new Uint8Array(blob.length);
    copy.set(blob);
    for (const v of new Float64Array(copy.buffer)) cells.push(formatNumber(v));
    out += cells.join(',') + '\n';
  }
  return out;
}

/** Schema 5, as the previous version left it: migrations 1–5 and nothing after. */
function oldSchemaFolder(dir: string): Database.Database {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(databasePath(dir));
  for (const sql of MIGRATIONS.slice(0, 5)) db.exec(sql);
  db.pragma('user_version = 5');
  return db;
}

describe('a data folder of the previous version (bars as rows)', () => {
  it('exports the same files as this version, and the old export code agrees', async () => {
    const newDir = tempDir();
    const db = openDatabase(newDir);
    await generateSymbolTicks(db, {
      symbol: 'EURUSD',
      start: Date.parse('2024-01-04T00:00:00Z'),
      days: 3,
      seed: 7,
    });
    const { runId } = await runBacktest(db, newDir, {
      symbols: ['EURUSD'],
      timeframes: ['M1', 'M15', 'H4'],
      indicators: ['sma(50)', 'bbands(20,2)', 'rsi(14)'],
      strategy: 'ma-cross',
    });
    const config = getRun(db, runId)!.config;
    const newOut = path.join(newDir, 'export');
    const files = exportRun(db, runId, newOut).map((f) => path.basename(f));
    db.close();

    // The old folder: same ticks, run row, trades and equity; bars as rows, written from an
    // engine run of their own rather than read back from this version's store.
    const oldDir = tempDir();
    const old = oldSchemaFolder(oldDir);
    old.exec(`ATTACH '${databasePath(newDir)}' AS v6`);
    for (const t of ['symbols', 'tick_chunks']) old.exec(`INSERT INTO ${t} SELECT * FROM v6.${t}`);
    old.exec(`INSERT INTO runs SELECT id, created_at, status, config, ticks_total, ticks_done, seconds,
      finished_at, error, stats, heartbeat_at, owner_pid, parent_run_id, parent_seq, owner_token FROM v6.runs`);
    // Schema 5's columns only: the money columns came later (migration 12).
    const trades = `run_id, seq, trade_id, symbol, side, size, entry_time, entry_price, exit_time,
      exit_price, exit_reason, gross_pnl, commission, net_pnl`;
    old.exec(`INSERT INTO trades SELECT ${trades} FROM v6.trades`);
    const equity = 'run_id, time, balance, equity, drawdown, drawdown_pct';
    old.exec(`INSERT INTO equity SELECT ${equity} FROM v6.equity`);
    old.exec('DETACH v6');
    const info = { ...readSymbol(old, 'EURUSD')! };
    const engine = new MtfEngine(engineConfigOf(config), {
      onBarClosed: (s, k, bar, values) => {
        const { time, open, high, low, close, volume, ticks } = bar;
        const row = Float64Array.of(time, open, high, low, close, volume, ticks, ...values);
        insertLegacyRow(old, runId, config.symbols[s], config.timeframes[k], row);
      },
    });
    const merger = new TickMerger([openTickSource(old, info)]);
    old.transaction(() => {
      while (merger.step(engine, 1 << 20) > 0);
      engine.finish();
    })();
    old.close();

    const reopened = openDatabase(oldDir); // migrates 5 → 6
    expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const oldOut = path.join(oldDir, 'export');
    exportRun(reopened, runId, oldOut);
    for (const name of files) {
      const fromNew = fs.readFileSync(path.join(newOut, name), 'utf8');
      const fromOld = fs.readFileSync(path.join(oldOut, name), 'utf8');
      if (name === 'summary.json') {
        // The old version stored no report (monthly returns, warnings; migration 13): the
        // summary is this version's without it.
        const { report, ...rest } = JSON.parse(fromNew) as Record<string, unknown>;
        expect(report).toBeDefined();
        expect(JSON.parse(fromOld)).toEqual(rest);
      } else if (name !== 'trades.csv') expect(fromOld, name).toBe(fromNew);
      else {
        // The old version kept no swap or excursion: its trades export them as 0 (the last five
        // columns); everything the old version did keep is exported as this version does.
        const cut = (csv: string) => csv.split('\n').map((l) => l.split(',').slice(0, -5).join());
        expect(cut(fromOld)).toEqual(cut(fromNew));
        for (const line of fromOld.trimEnd().split('\n').slice(1))
          expect(line.split(',').slice(-5)).toEqual(['0', '0', '0', '0', '0']);
      }
    }
    for (const tf of config.timeframes) {
      const name = `EURUSD_${tf}.csv`;
      expect(fs.readFileSync(path.join(newOut, name), 'utf8'), name).toBe(
        oldBarsCsv(reopened, runId, config, 'EURUSD', tf),
      );
    }
    reopened.close();
  }, 120_000);
});
