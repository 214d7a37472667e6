import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TICK_TIME_MS, MIN_TICK_TIME_MS } from '../../src/main/engine/data/tick-limits.ts';
import { expectCsvError, iso, readAll, tempCsvDir } from './csv-helpers.ts';

const tmp = tempCsvDir();
afterAll(() => tmp.cleanup());

const FLOOR = /before the earliest supported time 1980-01-01T00:00:00\.000Z/;
const CEILING = /after the latest supported time 9999-12-31T23:59:59\.999Z/;

/** A generic file: a good row on line 2, `bad` on line 3. */
function generic(name: string, bad: string): string {
  return tmp.write(
    name,
    `timestamp,bid,ask,bid_volume,ask_volume\n${bad}\n`.replace(
      '\n',
      '\n315532800000,1.1,1.2,1,1\n',
    ),
  );
}

describe('one valid range for tick times, ISO and epoch alike (tick-limits.ts)', () => {
  it('refuses epoch 9e15 (past Date’s range: `data list` failed with Invalid time value)', async () => {
    await expectCsvError(generic('epoch-9e15.csv', '9000000000000000,1.1,1.2,1,1'), 3, CEILING);
  });

  it('refuses ISO year 0000 and ISO times before 1980, as it refuses epoch times before 1980', async () => {
    await expectCsvError(generic('iso-0000.csv', '0000-01-01T00:00:00Z,1.1,1.2,1,1'), 3, FLOOR);
    await expectCsvError(generic('iso-1975.csv', '1975-06-01T00:00:00Z,1.1,1.2,1,1'), 3, FLOOR);
    await expectCsvError(generic('epoch-1975.csv', '170000000000,1.1,1.2,1,1'), 3, FLOOR);
    const iso10000 = '9999-12-31T23:59:59.999-01:00,1.1,1.2,1,1';
    await expectCsvError(generic('iso-past-ceiling.csv', iso10000), 3, CEILING);
  });

  it('accepts both ends of the range, written either way', async () => {
    const f = tmp.write(
      'ends.csv',
      'timestamp,bid,ask\n' +
        '1980-01-01T00:00:00.000Z,1.1,1.2\n' +
        `${MIN_TICK_TIME_MS},1.1,1.2\n` +
        `${MAX_TICK_TIME_MS},1.1,1.2\n` +
        '9999-12-31T23:59:59.999Z,1.1,1.2\n',
    );
    expect((await readAll(f)).ts).toEqual([
      MIN_TICK_TIME_MS,
      MIN_TICK_TIME_MS,
      MAX_TICK_TIME_MS,
      MAX_TICK_TIME_MS,
    ]);
  });

  it('holds for every vendor format, not just the generic one', async () => {
    await expectCsvError(
      tmp.write('duka-1975.csv', 'Gmt time,Ask,Bid\r\n01.02.1975 00:00:00.000,1.1,1.09\r\n'),
      2,
      FLOOR,
    );
    await expectCsvError(
      tmp.write('histdata-0000.csv', '00000102 030405000,1.1,1.2,0\n'),
      1,
      FLOOR,
    );
    await expectCsvError(
      tmp.write('truefx-1979.csv', 'EUR/USD,19791231 23:59:59.999,1.1,1.2\n'),
      1,
      FLOOR,
    );
    expect(iso(MIN_TICK_TIME_MS)).toBe('1980-01-01T00:00:00.000Z');
  });
});

describe('prices are finite, > 0 and at most 1e9; volumes at most 1e15', () => {
  it('refuses 1e308 (its P&L overflowed equity to NaN: NOT NULL constraint failed)', async () => {
    await expectCsvError(
      generic('price-1e308.csv', '315532800001,1e308,1e308,1,1'),
      3,
      /^bid must be at most 1000000000, got 1e\+308$/,
    );
    await expectCsvError(
      generic('ask-too-big.csv', '315532800001,1.1,1000000000.5,1,1'),
      3,
      /^ask must be at most 1000000000, got 1000000000\.5$/,
    );
    await expectCsvError(
      generic('volume-too-big.csv', '315532800001,1.1,1.2,1e16,1'),
      3,
      /^bid_volume must be at most 1000000000000000, got 10000000000000000$/,
    );
  });

  it('accepts a price of exactly 1e9', async () => {
    const f = tmp.write('price-max.csv', 'timestamp,bid,ask\n315532800000,1000000000,1000000000\n');
    expect((await readAll(f)).ask).toEqual([1e9]);
  });
});
