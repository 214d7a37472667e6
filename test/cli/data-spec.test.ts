import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { symbolSpecOf } from '../../src/main/services/ticks/symbol-specs.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();

function json(dir: string, args: string[]): unknown {
  const r = cli(dir, args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('backtestr data spec', () => {
  it('shows the default, stores a change (negative swaps, a weekday), shows it back, resets', () => {
    const dir = tempDir();
    const shown = cli(dir, ['data', 'spec', 'USDJPY']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^USDJPY: default specification \(not edited\)$/m);
    expect(shown.stdout).toMatch(/^ {2}pip size {9}0\.01$/m);

    const saved = json(dir, [
      'data',
      'spec',
      'USDJPY',
      '--swap-long',
      '-7.25',
      '--swap-short',
      '2.5',
      '--triple-swap-day',
      'fri',
      '--contract',
      '10000',
      '--json',
    ]);
    const expected = {
      symbol: 'USDJPY',
      edited: true,
      digits: 3,
      pipSize: 0.01,
      contractSize: 10_000,
      base: 'USD',
      quote: 'JPY',
      swapLong: -7.25,
      swapShort: 2.5,
      swapMode: 'points',
      tripleSwapDay: 5, // getUTCDay numbering: Friday
      marginRate: 1,
    };
    expect(saved).toEqual(expected);
    expect(json(dir, ['data', 'spec', 'USDJPY', '--json']), 'a later call reads it').toEqual(
      expected,
    );
    // What the CLI stored is what runs read.
    const db = openDatabase(dir);
    expect(symbolSpecOf(db, 'USDJPY').swapLong).toBe(-7.25);
    db.close();

    expect(json(dir, ['data', 'spec', 'USDJPY', '--reset', '--json'])).toMatchObject({
      edited: false,
      swapLong: 0,
      contractSize: 100_000,
    });
  });

  it('refuses mistakes naming the flag, and stores nothing', () => {
    const dir = tempDir();
    const fails = (args: string[], message: RegExp): void => {
      const r = cli(dir, ['data', 'spec', 'EURUSD', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    fails(['--pip', '0.000001'], /--pip: a pip \(0\.000001\) cannot be smaller than one point/);
    fails(
      ['--digits', '2'],
      /--digits: a pip \(0\.0001\) cannot be smaller than one point \(0\.01/,
    );
    fails(['--quote', 'DOLLAR'], /--quote: a currency is 3 letters/);
    fails(['--triple-swap-day', 'someday'], /--triple-swap-day must be one of sun, mon/);
    expect(json(dir, ['data', 'spec', 'EURUSD', '--json'])).toMatchObject({ edited: false });
  });

  it('data list shows quote, pip and contract, and says which specs were edited', () => {
    const dir = tempDir();
    const gen = ['data', 'generate', '--start', '2024-01-02', '--days', '1', '--symbol'];
    expect(cli(dir, [...gen, 'EURUSD']).code).toBe(0);
    expect(cli(dir, [...gen, 'USDJPY']).code).toBe(0);
    expect(cli(dir, ['data', 'spec', 'EURUSD', '--contract', '1000']).code).toBe(0);
    const table = cli(dir, ['data', 'list']);
    expect(table.stdout).toMatch(/^symbol .* quote +pip +contract +spec$/m);
    expect(table.stdout).toMatch(/^EURUSD .* USD +0\.0001 +1000 +edited$/m);
    expect(table.stdout).toMatch(/^USDJPY .* JPY +0\.01 +100000 +default$/m);
    const listed = json(dir, ['data', 'list', '--json']) as Record<string, unknown>[];
    expect(listed.map((s) => [s.symbol, s.quote, s.pipSize, s.contractSize, s.specEdited])).toEqual(
      [
        ['EURUSD', 'USD', 0.0001, 1000, true],
        ['USDJPY', 'JPY', 0.01, 100_000, false],
      ],
    );
  });
});
