import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { PairRate } from '../../src/main/services/money/pair-rate.ts';
import { storeRateSource } from '../../src/main/services/money/store-rates.ts';
import type { RunMoney } from '../../src/main/services/runs/run-config.ts';
import { readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import { CHUNK_TICKS, TickWriter } from '../../src/main/services/ticks/tick-writer.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { batchOf } from '../mtf/helpers.ts';
import { useTempDir } from '../services/temp-dir.ts';

const tempDir = useTempDir();
beforeAll(loadHasher);

const T0 = Date.UTC(2024, 0, 2);
/** Two and a half chunks; tick i at T0 + 10·i ms except pairs sharing a millisecond (i % 5 = 4). */
const N = CHUNK_TICKS * 2 + CHUNK_TICKS / 2;
const tsOf = (i: number) => T0 + 10 * i - (i % 5 === 4 ? 10 : 0);
const bidOf = (i: number) => 150 + (i % 997) / 100;
const askOf = (i: number) => bidOf(i) + 0.02 + (i % 3) / 100;

function storeUsdjpy(db: Db): void {
  const w = new TickWriter(db, 'USDJPY', false, false);
  const ticks = Array.from({ length: N }, (_, i) => ({ t: tsOf(i), bid: bidOf(i), ask: askOf(i) }));
  w.add(batchOf(ticks));
  w.commit();
}

/** The definition, by brute force: mid of the last tick with ts <= t, else of the first. */
function expectedMid(t: number): number {
  let k = 0;
  for (let i = 0; i < N && tsOf(i) <= t; i++) k = i;
  return (bidOf(k) + askOf(k)) / 2;
}

describe('conversion rates from the tick store', () => {
  it('answers the mid of the stored tick at, between and before ticks, across chunks', () => {
    const db = openDatabase(tempDir());
    storeUsdjpy(db);
    expect(db.prepare('SELECT COUNT(*) FROM tick_chunks').pluck().get()).toBe(3);
    const rate = new PairRate(db, readSymbol(db, 'USDJPY')!);
    const times = [T0 - 86_400_000, T0 - 1, T0, T0 + 5, T0 + 30, T0 + 39, T0 + 40];
    // Around both chunk boundaries, and past the last tick.
    for (const i of [CHUNK_TICKS - 1, CHUNK_TICKS, 2 * CHUNK_TICKS - 1, 2 * CHUNK_TICKS, N - 1])
      times.push(tsOf(i) - 1, tsOf(i), tsOf(i) + 3);
    times.push(tsOf(N - 1) + 86_400_000);
    for (const t of times) expect(rate.mid(t), `t = T0 + ${t - T0}`).toBe(expectedMid(t));
  });

  it('takes the last of several ticks in one millisecond', () => {
    const db = openDatabase(tempDir());
    storeUsdjpy(db);
    const rate = new PairRate(db, readSymbol(db, 'USDJPY')!);
    // Ticks 3 and 4 are both at T0 + 30: tick 4's mid is the answer.
    expect(tsOf(3)).toBe(tsOf(4));
    expect(rate.mid(T0 + 30)).toBe((bidOf(4) + askOf(4)) / 2);
  });

  it('gives a fresh source asked at a later time what a continuing one says', () => {
    const db = openDatabase(tempDir());
    storeUsdjpy(db);
    const info = readSymbol(db, 'USDJPY')!;
    const continuing = new PairRate(db, info);
    let t = T0 - 5;
    const step = 7_919; // ms: lands between and on ticks, crosses both chunk boundaries
    for (; t < tsOf(N - 1) + 50; t += step) {
      const value = continuing.mid(t);
      expect(value, `t = T0 + ${t - T0}`).toBe(expectedMid(t));
      expect(new PairRate(db, info).mid(t)).toBe(value);
    }
  });

  it('converts a JPY-quoted symbol to USD with the inverted USDJPY mid; same and fixed as given', () => {
    const db = openDatabase(tempDir());
    storeUsdjpy(db);
    const money: RunMoney = {
      currency: 'USD',
      specs: ['USDJPY', 'EURUSD', 'GBPJPY'].map(defaultSymbolSpec),
      leverage: 100,
      stopOutPct: 50,
      rolloverMinutes: 1320,
      conversions: [
        { kind: 'pair', pair: 'USDJPY', invert: true },
        { kind: 'same' },
        { kind: 'fixed', rate: 0.0067 },
      ],
    };
    const rates = storeRateSource(db, { money })!;
    const t = tsOf(70_000) + 4;
    expect(rates.quoteRate(0, t)).toBe(1 / expectedMid(t));
    expect(rates.quoteRate(1, t)).toBe(1);
    expect(rates.quoteRate(2, t)).toBe(0.0067);
    expect(storeRateSource(db, {})).toBeNull();
  });
});
