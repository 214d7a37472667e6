import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { importTickCsv } from '../../src/main/services/ticks/import-service.ts';
import { listSymbols, readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();

function writeCsv(file: string, rows: number, badAt?: number): void {
  const lines = ['timestamp,bid,ask,bid_volume,ask_volume'];
  for (let i = 0; i < rows; i++) {
    const bid = (1.1 + (i % 100) / 1e5).toFixed(5);
    lines.push(
      i === badAt
        ? `${1_704_067_200_000 + i},1.2,1.1,1,1`
        : `${1_704_067_200_000 + i},${bid},1.2,1,2`,
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('CSV import', () => {
  it('is all or nothing: a bad line after several full chunks leaves the store untouched', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const file = path.join(dir, 'big.csv');
    writeCsv(file, 200_000, 199_990);
    await expect(importTickCsv(db, { file, symbol: 'EURUSD' })).rejects.toThrow(
      `${file}:199992: `, // header is line 1, tick i is on line i + 2
    );
    expect(listSymbols(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM tick_chunks').pluck().get()).toBe(0);
  });

  it('keeps the old ticks when a --replace import fails', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    writeCsv(good, 1000);
    writeCsv(bad, 1000, 999);
    await importTickCsv(db, { file: good, symbol: 'EURUSD' });
    const before = readSymbol(db, 'EURUSD');
    await expect(importTickCsv(db, { file: bad, symbol: 'EURUSD', replace: true })).rejects.toThrow(
      /:1001: /,
    );
    expect(readSymbol(db, 'EURUSD')).toEqual(before);
  });

  it('imports volumes and reports the detected format', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const file = path.join(dir, 'ok.csv');
    writeCsv(file, 10);
    const r = await importTickCsv(db, { file, symbol: 'EURUSD' });
    expect(r).toMatchObject({ format: 'generic', imported: 10 });
    expect(r.symbol).toMatchObject({ tickCount: 10, hasVolume: true, firstTs: 1_704_067_200_000 });
  });
});
