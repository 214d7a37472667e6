import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { generateSymbolTicks } from '../../src/main/services/ticks/generate-service.ts';
import { importTickCsv } from '../../src/main/services/ticks/import-service.ts';
import {
  listSymbolSpecs,
  resetSymbolSpec,
  saveSymbolSpec,
  symbolSpecEntry,
  symbolSpecOf,
  SymbolSpecError,
} from '../../src/main/services/ticks/symbol-specs.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();

function generate(db: Db, symbol: string): Promise<unknown> {
  return generateSymbolTicks(db, { symbol, start: Date.UTC(2024, 0, 2), days: 1, seed: 1 });
}

function putRaw(db: Db, symbol: string, json: string): void {
  db.prepare('INSERT OR REPLACE INTO symbol_specs (symbol, spec, updated_at) VALUES (?, ?, 0)').run(
    symbol,
    json,
  );
}

describe('symbol specifications: defaults', () => {
  it('gives FX pairs, JPY pairs, metals and other names their broker defaults', () => {
    const db = openDatabase(tempDir());
    expect(symbolSpecOf(db, 'EURUSD')).toEqual({
      digits: 5,
      pipSize: 0.0001,
      contractSize: 100_000,
      base: 'EUR',
      quote: 'USD',
      swapLong: 0,
      swapShort: 0,
      swapMode: 'points',
      tripleSwapDay: 3,
      marginRate: 1,
    });
    expect(symbolSpecOf(db, 'USDJPY')).toMatchObject({ digits: 3, pipSize: 0.01, quote: 'JPY' });
    expect(symbolSpecOf(db, 'XAUUSD')).toMatchObject({
      digits: 2,
      pipSize: 0.01,
      contractSize: 100,
      base: 'XAU',
    });
    expect(symbolSpecOf(db, 'US500')).toMatchObject({ digits: 2, contractSize: 1, quote: 'USD' });
    expect(symbolSpecEntry(db, 'EURUSD').edited).toBe(false);
    db.close();
  });

  it("refines a default's digits upward from the stored prices' decimals, never downward", async () => {
    const db = openDatabase(tempDir());
    // The generator writes every non-JPY symbol with 5 decimals: US500's name says 2 digits,
    // its prices prove 5; EURUSD's 5 stays 5; the pip is kept (0.01 >= the 0.00001 point).
    await generate(db, 'US500');
    await generate(db, 'EURUSD');
    expect(symbolSpecOf(db, 'US500')).toMatchObject({ digits: 5, pipSize: 0.01 });
    expect(symbolSpecOf(db, 'EURUSD')).toMatchObject({ digits: 5, pipSize: 0.0001 });
    db.close();
  });

  it('follows the ticks when they are replaced (the decimals are remembered per content)', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    await generate(db, 'US500');
    expect(symbolSpecOf(db, 'US500').digits).toBe(5);
    const file = path.join(dir, 'us500.csv');
    fs.writeFileSync(file, 'timestamp,bid,ask\n1704153600000,4700.125,4700.5\n');
    await importTickCsv(db, { file, symbol: 'US500', replace: true });
    expect(symbolSpecOf(db, 'US500').digits, '4700.125 needs 3').toBe(3);
    db.close();
  });

  it('keeps the digits of the name when the prices have fewer decimals (1.1000 is also 5-digit)', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const file = path.join(dir, 'gbp.csv');
    fs.writeFileSync(
      file,
      'timestamp,bid,ask\n1704153600000,1.2701,1.2703\n1704153601000,1.27,1.2702\n',
    );
    await importTickCsv(db, { file, symbol: 'GBPUSD' });
    expect(symbolSpecOf(db, 'GBPUSD')).toMatchObject({ digits: 5, pipSize: 0.0001 });
    db.close();
  });
});

describe('symbol specifications: save, merge, validate, reset', () => {
  it('merges a change onto the spec in effect and keeps it across reopening', () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    saveSymbolSpec(db, 'EURUSD', { swapLong: -6.5, swapShort: 1.2 });
    const saved = saveSymbolSpec(db, 'EURUSD', { contractSize: 10_000 });
    expect(saved).toEqual({
      symbol: 'EURUSD',
      edited: true,
      spec: {
        ...defaultSymbolSpec('EURUSD'),
        swapLong: -6.5,
        swapShort: 1.2,
        contractSize: 10_000,
      },
    });
    db.close();
    db = openDatabase(dir);
    expect(symbolSpecEntry(db, 'EURUSD')).toEqual(saved);
    db.close();
  });

  it('refuses a pip smaller than a point, a contract of 0 and unknown fields, naming them', () => {
    const db = openDatabase(tempDir());
    expect(() => saveSymbolSpec(db, 'EURUSD', { pipSize: 0.000001 })).toThrow(
      /spec of EURUSD: pipSize: a pip \(0\.000001\) cannot be smaller than one point \(0\.00001 with 5 digits\)/,
    );
    // Fewer digits make the point bigger: 0.0001 is below the 0.001 point of 3 digits.
    expect(() => saveSymbolSpec(db, 'EURUSD', { digits: 3 })).toThrow(/pipSize: a pip/);
    expect(() => saveSymbolSpec(db, 'EURUSD', { contractSize: 0 })).toThrow(/contractSize/);
    expect(() => saveSymbolSpec(db, 'EURUSD', { quote: 'usd' })).toThrow(/quote: a currency/);
    expect(() => saveSymbolSpec(db, 'EURUSD', { lot: 1 } as never)).toThrow(SymbolSpecError);
    expect(() => saveSymbolSpec(db, 'bad name', { digits: 4 })).toThrow(/invalid symbol/);
    expect(symbolSpecEntry(db, 'EURUSD').edited, 'nothing was stored').toBe(false);
    // An index with a pip of 1 and one digit: not a power-of-ten multiple rule, only >= a point.
    expect(saveSymbolSpec(db, 'GER40', { digits: 1, pipSize: 1 }).spec.pipSize).toBe(1);
    db.close();
  });

  it('reset goes back to the default, and a spec set before any tick is listed', async () => {
    const db = openDatabase(tempDir());
    await generate(db, 'EURUSD');
    saveSymbolSpec(db, 'USDJPY', { swapLong: 2 });
    expect(listSymbolSpecs(db).map((e) => [e.symbol, e.edited])).toEqual([
      ['EURUSD', false],
      ['USDJPY', true],
    ]);
    expect(resetSymbolSpec(db, 'USDJPY')).toEqual({
      symbol: 'USDJPY',
      edited: false,
      spec: defaultSymbolSpec('USDJPY'),
    });
    expect(listSymbolSpecs(db).map((e) => e.symbol)).toEqual(['EURUSD']);
    db.close();
  });
});

describe('symbol specifications: a stored row is untrusted', () => {
  it('refuses a corrupt row naming the symbol and the field, never the default', () => {
    const db = openDatabase(tempDir());
    putRaw(db, 'EURUSD', JSON.stringify({ ...defaultSymbolSpec('EURUSD'), contractSize: -5 }));
    expect(() => symbolSpecOf(db, 'EURUSD')).toThrow(
      /stored spec of EURUSD is invalid \(contractSize: .*\); .*data spec EURUSD --reset/,
    );
    expect(() => saveSymbolSpec(db, 'EURUSD', { digits: 5 })).toThrow(/stored spec of EURUSD/);
    putRaw(db, 'GBPUSD', '{not json');
    expect(() => symbolSpecOf(db, 'GBPUSD')).toThrow(/stored spec of GBPUSD is not JSON/);
    // The list shows the problem (it is where it gets fixed) instead of failing as a whole.
    const listed = listSymbolSpecs(db);
    expect(listed.map((e) => [e.symbol, e.problem !== undefined])).toEqual([
      ['EURUSD', true],
      ['GBPUSD', true],
    ]);
    resetSymbolSpec(db, 'EURUSD');
    expect(symbolSpecOf(db, 'EURUSD')).toEqual(defaultSymbolSpec('EURUSD'));
    // A whole spec sets a tampered row again without merging onto it (the app's Save).
    const whole = { ...defaultSymbolSpec('GBPUSD'), contractSize: 1000 };
    expect(saveSymbolSpec(db, 'GBPUSD', whole).spec).toEqual(whole);
    expect(symbolSpecOf(db, 'GBPUSD')).toEqual(whole);
    db.close();
  });
});
