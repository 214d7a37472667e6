import { afterAll, describe, expect, it } from 'vitest';
import { readTickCsv, TickCsvError } from '../../src/main/engine/data/csv/index.ts';
import { expectCsvError, tempCsvDir } from './csv-helpers.ts';

const tmp = tempCsvDir();
afterAll(() => tmp.cleanup());

const GENERIC = 'timestamp,bid,ask,bid_volume,ask_volume\n';
const OK_ROW = '1703880009803,1.10353,1.10371,1.5,0.75\n';

/** A generic file whose third line is `bad` (line 1 header, line 2 a good row). */
function genericWith(name: string, bad: string): string {
  return tmp.write(name, `${GENERIC}${OK_ROW}${bad}\n${OK_ROW}`);
}

describe('every malformed row is a TickCsvError naming file:line and the reason', () => {
  it('wrong column count', async () => {
    await expectCsvError(
      genericWith('few.csv', '1703880009804,1.1,1.2,1'),
      3,
      /^expected 5 fields, got 4$/,
    );
    await expectCsvError(
      genericWith('many.csv', '1703880009804,1.1,1.2,1,1,9'),
      3,
      /^expected 5 fields, got 6$/,
    );
    await expectCsvError(
      genericWith('garbled-count.csv', '1703880009804;1.1;1.2;1;1'),
      3,
      /^expected 5 fields, got 1$/,
    );
  });

  it('a carriage return that ends no line', async () => {
    const f = genericWith('stray-cr.csv', '1703880009804,1.1\r,1.2,1,1');
    await expectCsvError(f, 3, /^stray carriage return inside the line$/);
    const g = genericWith('stray-cr-end.csv', '1703880009804,1.1,1.2,1,1\rx');
    await expectCsvError(g, 3, /^stray carriage return inside the line$/);
  });

  it('non-numeric, NaN, Infinity and empty prices', async () => {
    await expectCsvError(
      genericWith('abc.csv', '1703880009804,abc,1.2,1,1'),
      3,
      /^bid is not a number: "abc"$/,
    );
    await expectCsvError(
      genericWith('comma-dec.csv', '1703880009804,1.1,1.2x,1,1'),
      3,
      /^ask is not a number: "1.2x"$/,
    );
    await expectCsvError(
      genericWith('nan.csv', '1703880009804,NaN,1.2,1,1'),
      3,
      /^bid is not a finite number: "NaN"$/,
    );
    await expectCsvError(
      genericWith('inf.csv', '1703880009804,1.1,Infinity,1,1'),
      3,
      /^ask is not a finite number: "Infinity"$/,
    );
    await expectCsvError(
      genericWith('overflow.csv', '1703880009804,1.1,1e999,1,1'),
      3,
      /^ask is not a finite number: "1e999"$/,
    );
    await expectCsvError(
      genericWith('empty-price.csv', '1703880009804,,1.2,1,1'),
      3,
      /^bid is empty$/,
    );
    await expectCsvError(
      genericWith('vol-nan.csv', '1703880009804,1.1,1.2,nan,1'),
      3,
      /^bid_volume is not a finite number/,
    );
  });

  it('zero or negative prices, also after rounding to the digits', async () => {
    await expectCsvError(
      genericWith('zero.csv', '1703880009804,0,1.2,1,1'),
      3,
      /^bid must be > 0, got 0$/,
    );
    await expectCsvError(
      genericWith('neg.csv', '1703880009804,1.1,-1.2,1,1'),
      3,
      /^ask must be > 0, got -1.2$/,
    );
    await expectCsvError(
      genericWith('rounds-to-zero.csv', '1703880009804,0.000001,1.2,1,1'),
      3,
      /^bid must be > 0, got 0$/,
      {
        digits: 5,
      },
    );
  });

  it('bid above ask, compared after rounding', async () => {
    await expectCsvError(
      genericWith('crossed.csv', '1703880009804,1.2,1.1,1,1'),
      3,
      /^bid 1.2 > ask 1.1$/,
    );
    const f = tmp.write(
      'equal-after-rounding.csv',
      `${GENERIC}1703880009803,1.1037100000000001,1.10371,1,1\n`,
    );
    await expect(collect(f)).resolves.toBe(1);
  });

  it('timestamps going backwards (equal is fine)', async () => {
    await expectCsvError(
      genericWith('backwards.csv', '1703880009802,1.1,1.2,1,1'),
      3,
      /^timestamp goes backwards: 2023-12-29T20:00:09.802Z after 2023-12-29T20:00:09.803Z$/,
    );
  });

  it('unparseable dates in every syntax', async () => {
    await expectCsvError(
      genericWith('bad-iso.csv', '2023-13-29T20:00:09.803Z,1.1,1.2,1,1'),
      3,
      /^unparseable timestamp "2023-13-29T20:00:09.803Z" \(expected epoch milliseconds or ISO-8601/,
    );
    await expectCsvError(
      genericWith('bad-epoch.csv', '17038800098x3,1.1,1.2,1,1'),
      3,
      /^unparseable timestamp "17038800098x3"/,
    );
    await expectCsvError(
      genericWith('epoch-seconds.csv', '1703880010,1.1,1.2,1,1'),
      3,
      /^timestamp "1703880010" is 1970-01-20T17:18:00\.010Z, before the earliest supported time 1980-01-01T00:00:00\.000Z: seconds, not milliseconds\?$/,
    );
    await expectCsvError(
      genericWith('bad-offset.csv', '2023-12-29T20:00:09.803+25:00,1.1,1.2,1,1'),
      3,
      /^unparseable timestamp/,
    );
    const duka = tmp.write(
      'bad-day.csv',
      'Gmt time,Ask,Bid,AskVolume,BidVolume\r\n30.02.2024 00:00:00.000,1.2,1.1,1,1\r\n',
    );
    await expectCsvError(
      duka,
      2,
      /^unparseable Gmt time "30.02.2024 00:00:00.000" \(expected dd.MM.yyyy HH:mm:ss.SSS\)$/,
    );
    const month = tmp.write(
      'month-first.csv',
      'Gmt time,Ask,Bid,AskVolume,BidVolume\r\n12/29/2023 20:00:09.803,1.2,1.1,1,1\r\n',
    );
    await expectCsvError(month, 2, /^unparseable Gmt time/);
    const hist = tmp.write(
      'bad-hist.csv',
      '20231229 150009803,1.1,1.2,0\n20231229 250009803,1.1,1.2,0\n',
    );
    await expectCsvError(
      hist,
      2,
      /^unparseable datetime "20231229 250009803" \(expected YYYYMMDD HHMMSSNNN\)$/,
    );
    const truefx = tmp.write(
      'bad-truefx.csv',
      'EUR/USD,20231229 20:00:09.803,1.1,1.2\nEUR/USD,20231229 20-00-10.000,1.1,1.2\n',
    );
    await expectCsvError(
      truefx,
      2,
      /^unparseable datetime "20231229 20-00-10.000" \(expected YYYYMMDD HH:MM:SS.mmm\)$/,
    );
  });

  it('a Local time row without its GMT offset', async () => {
    const f = tmp.write(
      'local-no-offset.csv',
      'Local time,Ask,Bid,AskVolume,BidVolume\r\n29.12.2023 21:00:09.803 GMT+0100,1.2,1.1,1,1\r\n29.12.2023 21:00:10.000,1.2,1.1,1,1\r\n',
    );
    await expectCsvError(f, 3, /^Local time "29.12.2023 21:00:10.000" has no GMT offset$/);
  });

  it('negative volumes, HistData’s dropped volume column included', async () => {
    await expectCsvError(
      genericWith('neg-vol.csv', '1703880009804,1.1,1.2,1,-0.5'),
      3,
      /^ask_volume must be >= 0, got -0.5$/,
    );
    const hist = tmp.write(
      'neg-hist-vol.csv',
      '20231229 150009803,1.1,1.2,0\n20231229 150009804,1.1,1.2,-1\n',
    );
    await expectCsvError(hist, 2, /^volume must be >= 0, got -1$/);
  });

  it('a TrueFX file switching pairs', async () => {
    const f = tmp.write(
      'pair-switch.csv',
      'EUR/USD,20231229 20:00:09.803,1.1,1.2\nGBP/USD,20231229 20:00:09.804,1.1,1.2\n',
    );
    await expectCsvError(f, 2, /^pair changed from "EUR\/USD" to "GBP\/USD"$/);
  });

  it('blank lines anywhere but the very end', async () => {
    await expectCsvError(
      tmp.write('blank-mid.csv', `${GENERIC}${OK_ROW}\n${OK_ROW}`),
      3,
      /^blank line$/,
    );
    await expectCsvError(
      tmp.write('blank-ws.csv', `${GENERIC}${OK_ROW} \t\r\n${OK_ROW}`),
      3,
      /^blank line$/,
    );
    await expectCsvError(
      tmp.write('blank-two-final.csv', `${GENERIC}${OK_ROW}\n\n`),
      3,
      /^blank line$/,
    );
    await expectCsvError(tmp.write('blank-first.csv', `\n${GENERIC}${OK_ROW}`), 1, /^blank line$/);
    await expectCsvError(
      tmp.write('blank-first-hist.csv', `\n20231229 150009803,1.1,1.2,0\n`),
      1,
      /^blank line$/,
      { format: 'histdata' },
    );
  });

  it('empty files: no bytes, a BOM, a header, blank lines', async () => {
    await expectCsvError(tmp.write('empty.csv', ''), 1, /^empty file: no data rows$/);
    await expectCsvError(tmp.write('bom-only.csv', '\uFEFF'), 1, /^empty file: no data rows$/);
    await expectCsvError(tmp.write('header-only.csv', GENERIC), 1, /^empty file: no data rows$/);
    await expectCsvError(
      tmp.write('header-only-nonl.csv', 'Gmt time,Ask,Bid'),
      1,
      /^empty file: no data rows$/,
    );
    await expectCsvError(
      tmp.write('header-blank.csv', `${GENERIC}\n`),
      1,
      /^empty file: no data rows$/,
    );
    await expectCsvError(tmp.write('newline-only.csv', '\r\n'), 1, /^empty file: no data rows$/, {
      format: 'truefx',
    });
  });

  it('a header where the format has none, and none where it needs one', async () => {
    const hist = tmp.write(
      'hist-header.csv',
      'DateTime Stamp,Bid Quote,Ask Quote,Volume\n20231229 150009803,1.1,1.2,0\n',
    );
    await expectCsvError(
      hist,
      1,
      /^unexpected header line "DateTime Stamp,Bid Quote,Ask Quote,Volume": histdata files have no header$/,
      {
        format: 'histdata',
      },
    );
    const tfx = tmp.write(
      'truefx-header.csv',
      'pair,datetime,bid,ask\nEUR/USD,20231229 20:00:09.803,1.1,1.2\n',
    );
    await expectCsvError(tfx, 1, /truefx files have no header$/, { format: 'truefx' });
    const noHeader = tmp.write('generic-no-header.csv', OK_ROW);
    await expectCsvError(
      noHeader,
      1,
      /^missing header: generic files start with timestamp,bid,ask/,
      { format: 'generic' },
    );
    await expectCsvError(noHeader, 1, /^missing header: dukascopy files start with/, {
      format: 'dukascopy',
    });
    await expectCsvError(noHeader, 1, /^cannot detect the tick format/);
  });

  it('headers it cannot map', async () => {
    await expectCsvError(
      tmp.write('typo.csv', 'timestamp,bid,ask,bid_volme,ask_volume\n'),
      1,
      /^unknown column "bid_volme" in the generic header/,
    );
    await expectCsvError(
      tmp.write('one-vol.csv', 'timestamp,bid,ask,bid_volume\n'),
      1,
      /volume column for one side only/,
    );
    await expectCsvError(
      tmp.write('no-ask.csv', 'timestamp,askPrice,bidPrice\n'),
      1,
      /^unknown column "askPrice" in the generic header/,
      {
        format: 'generic',
      },
    );
    await expectCsvError(
      tmp.write('twice.csv', 'timestamp,bid,ask,bid\n'),
      1,
      /^column "bid" appears twice/,
    );
    await expectCsvError(
      tmp.write(
        'eet.csv',
        'Time (EET),Ask,Bid,AskVolume,BidVolume\n2025.01.02 01:02:14.945,1.1,1.0,1,1\n',
      ),
      1,
      /platform setting/,
    );
  });
});

describe('streaming behaviour around errors', () => {
  it('yields the batches before a bad line, then throws', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `${1703880009803 + i},1.1,1.2`);
    const f = tmp.write(
      'late-error.csv',
      `timestamp,bid,ask\n${rows.join('\n')}\n1703880009000,1.1,1.2\n`,
    );
    const seen: number[] = [];
    let err: unknown;
    try {
      for await (const b of readTickCsv(f, { batchSize: 3 })) seen.push(b.length);
    } catch (e) {
      err = e;
    }
    expect(seen).toEqual([3, 3]);
    expect(err).toBeInstanceOf(TickCsvError);
    expect((err as TickCsvError).line).toBe(9);
  });

  it('rejects bad options before reading', async () => {
    await expect(collect('/nonexistent', { batchSize: 0 })).rejects.toThrow(
      /batchSize must be a positive integer/,
    );
    await expect(collect('/nonexistent', { digits: 1.5 })).rejects.toThrow(
      /digits must be an integer/,
    );
    const format = 'csv' as 'generic';
    await expect(collect('/nonexistent', { format })).rejects.toThrow(/format must be one of auto/);
    await expect(collect('/nonexistent/file.csv')).rejects.toThrow(/ENOENT/);
  });
});

async function collect(file: string, opts?: Parameters<typeof readTickCsv>[1]): Promise<number> {
  let n = 0;
  for await (const b of readTickCsv(file, opts)) n += b.length;
  return n;
}
