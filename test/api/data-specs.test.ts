/**
 * data:specs / data:setSpec / data:resetSpec through the backend the app and the web bridge run,
 * on a real data folder: a spec saved from the app is the one runs and the CLI read, a bad one is
 * refused naming its field, and a tampered row is listed with its problem instead of hidden.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { symbolSpecOf } from '../../src/main/services/ticks/symbol-specs.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { START, useBackends } from './helpers.ts';

const backendIn = useBackends();

describe('symbol spec channels', () => {
  it('lists, saves (merged), and resets specs in the data folder', async () => {
    const { backend, dataDir } = await backendIn();
    expect(await backend.invoke('data:specs')).toEqual([]);
    await backend.invoke('data:generate', { symbol: 'USDJPY', start: START, days: 1, seed: 1 });
    expect(await backend.invoke('data:specs')).toEqual([
      { symbol: 'USDJPY', edited: false, ...defaultSymbolSpec('USDJPY') },
    ]);

    const saved = await backend.invoke('data:setSpec', {
      symbol: 'USDJPY',
      spec: { swapLong: -4.5, swapMode: 'money', tripleSwapDay: 5 },
    });
    const expected = {
      symbol: 'USDJPY',
      edited: true,
      ...defaultSymbolSpec('USDJPY'),
      swapLong: -4.5,
      swapMode: 'money',
      tripleSwapDay: 5,
    };
    expect(saved).toEqual(expected);
    expect(await backend.invoke('data:specs')).toEqual([expected]);
    // The same SQLite file, read the way prepareRun reads it.
    const db = openDatabase(dataDir);
    expect(symbolSpecOf(db, 'USDJPY')).toMatchObject({ swapLong: -4.5, swapMode: 'money' });
    db.close();

    expect(await backend.invoke('data:resetSpec', { symbol: 'USDJPY' })).toEqual({
      symbol: 'USDJPY',
      edited: false,
      ...defaultSymbolSpec('USDJPY'),
    });
  });

  it('refuses an invalid change naming the field, and an unknown field at the contract', async () => {
    const { backend } = await backendIn();
    await expect(
      backend.invoke('data:setSpec', { symbol: 'EURUSD', spec: { digits: 2 } }),
    ).rejects.toThrow(
      /spec of EURUSD: pipSize: a pip \(0\.0001\) cannot be smaller than one point/,
    );
    await expect(
      backend.invoke('data:setSpec', { symbol: 'EURUSD', spec: { lots: 1 } as never }),
    ).rejects.toThrow(/data:setSpec: invalid arguments/);
    await expect(
      backend.invoke('data:setSpec', { symbol: 'EURUSD', spec: { contractSize: -1 } }),
    ).rejects.toThrow(/spec\.contractSize/);
    expect(await backend.invoke('data:specs'), 'nothing stored').toEqual([]);
  });

  it('lists a tampered stored spec with its problem, and reset repairs it', async () => {
    const { backend, dataDir } = await backendIn();
    const db = openDatabase(dataDir);
    db.prepare('INSERT INTO symbol_specs (symbol, spec, updated_at) VALUES (?, ?, 0)').run(
      'XAUUSD',
      JSON.stringify({ ...defaultSymbolSpec('XAUUSD'), digits: 42 }),
    );
    db.close();
    const [listed] = await backend.invoke('data:specs');
    expect(listed).toMatchObject({ symbol: 'XAUUSD', edited: true, contractSize: 100 });
    expect(listed.problem).toMatch(/stored spec of XAUUSD is invalid \(digits: /);
    expect(await backend.invoke('data:resetSpec', { symbol: 'XAUUSD' })).not.toHaveProperty(
      'problem',
    );
    expect(await backend.invoke('data:specs')).toEqual([]);
  });
});
