import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { prepareRun, type RunRequest } from '../../src/main/services/runs/run-request.ts';
import { TickWriter } from '../../src/main/services/ticks/tick-writer.ts';
import { batchOf } from '../mtf/helpers.ts';
import { useTempDir } from '../services/temp-dir.ts';

const tempDir = useTempDir();
beforeAll(loadHasher);

function store(db: Db, ...names: string[]): Db {
  for (const name of names) {
    const w = new TickWriter(db, name, false, false);
    w.add(batchOf([{ t: Date.UTC(2024, 0, 2), bid: 1.5 }]));
    w.commit();
  }
  return db;
}

const money = async (db: Db, req: Partial<RunRequest>) =>
  (await prepareRun(db, tempDir(), { symbols: ['EURUSD'], ...req })).config;

describe('a new run’s broker settings', () => {
  it('defaults: quote currency of the first symbol, 1:100, stop-out 50 %, rollover 22:00', async () => {
    const db = store(openDatabase(tempDir()), 'EURUSD');
    const c = await money(db, {});
    expect(c.money).toMatchObject({
      currency: 'USD',
      leverage: 100,
      stopOutPct: 50,
      rolloverMinutes: 1320,
      conversions: [{ kind: 'same' }],
    });
    expect(c.money!.specs[0]).toMatchObject({ base: 'EUR', quote: 'USD', contractSize: 100_000 });
    expect(c.account.lotSize).toBe(100_000);
  });

  it('converts USDJPY in a USD account with USDJPY itself, inverted', async () => {
    const db = store(openDatabase(tempDir()), 'USDJPY');
    const c = await money(db, { symbols: ['USDJPY'], money: { currency: 'USD' } });
    expect(c.money!.conversions).toEqual([{ kind: 'pair', pair: 'USDJPY', invert: true }]);
  });

  it('takes QUOTE+ACCOUNT as is when only that pair is stored', async () => {
    const db = store(openDatabase(tempDir()), 'EURJPY', 'JPYUSD');
    const c = await money(db, { symbols: ['EURJPY'], money: { currency: 'USD' } });
    expect(c.money!.conversions).toEqual([{ kind: 'pair', pair: 'JPYUSD', invert: false }]);
  });

  it('refuses a conversion it cannot make, naming the pair; a fixed rate makes it possible', async () => {
    const db = store(openDatabase(tempDir()), 'EURJPY', 'EURUSD');
    const req = { symbols: ['EURUSD', 'EURJPY'], money: { currency: 'USD' } };
    await expect(money(db, req)).rejects.toThrow(
      'EURJPY is quoted in JPY and the account in USD: import or generate USDJPY (or JPYUSD), ' +
        'or give --rate JPY=<USD per JPY>',
    );
    const c = await money(db, { ...req, money: { currency: 'USD', rates: { JPY: 0.0067 } } });
    expect(c.money!.conversions).toEqual([{ kind: 'same' }, { kind: 'fixed', rate: 0.0067 }]);
  });

  it('prefers a stored pair to a fixed rate', async () => {
    const db = store(openDatabase(tempDir()), 'EURJPY', 'USDJPY');
    const req = { symbols: ['EURJPY'], money: { currency: 'USD', rates: { JPY: 0.0067 } } };
    const c = await money(db, req);
    expect(c.money!.conversions).toEqual([{ kind: 'pair', pair: 'USDJPY', invert: true }]);
  });

  it('refuses a rate no symbol needs (a typo), naming it', async () => {
    const db = store(openDatabase(tempDir()), 'EURJPY');
    const req = { symbols: ['EURJPY'], money: { currency: 'USD', rates: { JYP: 0.0067 } } };
    await expect(money(db, req)).rejects.toThrow(
      '--rate JYP: no symbol of the run is quoted in JYP',
    );
  });

  it('leverage 0 or null is unlimited; contract size overrides every spec and sets lotSize', async () => {
    const db = store(openDatabase(tempDir()), 'EURUSD', 'GBPUSD');
    const symbols = ['EURUSD', 'GBPUSD'];
    const c = await money(db, { symbols, money: { leverage: 0, contractSize: 1000 } });
    expect(c.money!.leverage).toBeNull();
    expect(c.money!.specs.map((s) => s.contractSize)).toEqual([1000, 1000]);
    expect(c.account.lotSize).toBe(1000);
    expect((await money(db, { money: { leverage: null } })).money!.leverage).toBeNull();
    // An older request's account.lotSize (a stored sweep spec) still means the contract size.
    expect((await money(db, { account: { lotSize: 10 } })).money!.specs[0].contractSize).toBe(10);
  });

  it('names the option at fault', async () => {
    const db = store(openDatabase(tempDir()), 'EURUSD');
    const bad: [RunRequest['money'], string][] = [
      [{ currency: 'usd' }, '--account-currency'],
      [{ leverage: -1 }, '--leverage'],
      [{ stopOutPct: 2000 }, '--stop-out'],
      [{ rolloverMinutes: 1440 }, '--rollover'],
      [{ contractSize: 0 }, '--lot-size'],
      [{ rates: { JPY: -1 } }, '--rate JPY'],
    ];
    for (const [m, flag] of bad) await expect(money(db, { money: m })).rejects.toThrow(flag);
  });
});
