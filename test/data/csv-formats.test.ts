import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectTickFormat, type TickFormat } from '../../src/main/engine/data/csv/index.ts';
import { FIXTURES, iso, readAll, tempCsvDir } from './csv-helpers.ts';

const tmp = tempCsvDir();
afterAll(() => tmp.cleanup());

/** The one instant every example line in VENDOR-FORMATS.md stands for. */
const INSTANT = '2023-12-29T20:00:09.803Z';

describe('the vendor example lines (VENDOR-FORMATS.md) all decode to the same tick', () => {
  const cases: [file: string, format: TickFormat, volumes: boolean][] = [
    ['histdata-ascii-ticks.csv', 'histdata', false],
    ['dukascopy-node.csv', 'dukascopy', false],
    ['dukascopy-node-volumes.csv', 'dukascopy', true],
    ['dukascopy-export-gmt.csv', 'dukascopy', true],
    ['dukascopy-export-local.csv', 'dukascopy', true],
    ['truefx-monthly.csv', 'truefx', false],
    ['generic-iso.csv', 'generic', true],
    ['generic-epoch-ms.csv', 'generic', false],
  ];
  for (const [name, format, volumes] of cases) {
    it(`${name} as ${format} and auto-detected`, async () => {
      for (const opts of [{ format }, {}]) {
        const r = await readAll(join(FIXTURES, name), opts);
        expect(r.ts.map(iso)).toEqual([INSTANT]);
        expect(r.bid).toEqual([1.10353]);
        expect(r.ask).toEqual([1.10371]);
        if (volumes) {
          expect(r.bidVol, 'bid volume in millions, as written').toEqual([1.5]);
          expect(r.askVol).toEqual([0.75]);
        } else {
          expect(r.bidVol, 'no volume column (HistData’s is always 0)').toBeNull();
        }
      }
    });
  }
});

describe('detectTickFormat', () => {
  it('tells every format from its first line', () => {
    expect(detectTickFormat(['timestamp,bid,ask'])).toBe('generic');
    expect(detectTickFormat(['ask,timestamp,bid,ask_volume,bid_volume'])).toBe('generic');
    expect(detectTickFormat(['timestamp,askPrice,bidPrice'])).toBe('dukascopy');
    expect(detectTickFormat(['\uFEFFGmt time,Ask,Bid,AskVolume,BidVolume\r'])).toBe('dukascopy');
    expect(detectTickFormat(['Local time,Ask,Bid,AskVolume,BidVolume'])).toBe('dukascopy');
    expect(detectTickFormat(['20231229 150009803,1.103530,1.103710,0'])).toBe('histdata');
    expect(detectTickFormat(['', 'EUR/USD,20231229 20:00:09.803,1.10353,1.10371'])).toBe('truefx');
  });

  it('refuses what it cannot place, saying why', () => {
    expect(() => detectTickFormat(['1703880009803,1.10353,1.10371'])).toThrow(
      /generic file needs the header/,
    );
    expect(() => detectTickFormat(['Date,Open,High,Low,Close'])).toThrow(
      /cannot detect the tick format from the header/,
    );
    expect(() => detectTickFormat(['Time (EET),Ask,Bid,AskVolume,BidVolume'])).toThrow(
      /time zone is a platform setting/,
    );
    expect(() => detectTickFormat(['20231229 150009;1.1;1.1;1.1;1.1;0'])).toThrow(/cannot detect/);
    expect(() => detectTickFormat([])).toThrow(/no non-blank line/);
  });
});

describe('time zones and date orders', () => {
  it('reads HistData as fixed EST (UTC−5) all year, never America/New_York', async () => {
    const f = tmp.write(
      'histdata-anchors.csv',
      [
        '20120229 235959999,1.306600,1.306700,0', // anchors from histdata.com-tools' quality_cases.py
        '20170101 000000000,1.051600,1.051700,0',
        '20220313 023000000,1.093100,1.093200,0', // the hour US DST skips
        '20230715 120000000,1.122900,1.123000,0', // summer: New York time would give 16:00Z
        '20250101 170014647,1.035030,1.035100,0', // the winter week open in a January file
      ].join('\n') + '\n',
    );
    const r = await readAll(f, { format: 'histdata' });
    expect(r.ts.map(iso)).toEqual([
      '2012-03-01T04:59:59.999Z',
      '2017-01-01T05:00:00.000Z',
      '2022-03-13T07:30:00.000Z',
      '2023-07-15T17:00:00.000Z',
      '2025-01-01T22:00:14.647Z',
    ]);
    expect(r.bid, 'HistData pads to 6 decimals; the prices are 5-digit').toEqual([
      1.3066, 1.0516, 1.0931, 1.1229, 1.03503,
    ]);
  });

  it('accepts HistData seconds without milliseconds (HHMMSS)', async () => {
    const f = tmp.write('histdata-no-ms.csv', '20220313 023000,1.093100,1.093200,0\n');
    expect((await readAll(f)).ts.map(iso)).toEqual(['2022-03-13T07:30:00.000Z']);
  });

  it('applies each Dukascopy Local time row’s own offset, also across a DST change', async () => {
    const f = tmp.write(
      'dukascopy-local.csv',
      'Local time,Ask,Bid,AskVolume,BidVolume\r\n' +
        '01.12.2017 00:00:00.192 GMT+0100,1.19,1.18,1,1\r\n' + // the csv_loader comment's example
        '29.10.2023 02:59:59.000 GMT+0200,1.06,1.05,1,1\r\n' + // CEST, last second before the change
        '29.10.2023 02:00:00.500 GMT+0100,1.06,1.05,1,1\r\n' + // the same wall clock again, now CET
        '16.08.2025 00:00:00.000 GMT+0900,1.17,1.16,1,1\r\n' +
        '15.08.2025 11:00:00.001 GMT-0400,1.17,1.16,1,1\r\n',
    );
    const r = await readAll(f);
    expect(r.ts.map(iso)).toEqual([
      '2017-11-30T23:00:00.192Z',
      '2023-10-29T00:59:59.000Z',
      '2023-10-29T01:00:00.500Z',
      '2025-08-15T15:00:00.000Z',
      '2025-08-15T15:00:00.001Z',
    ]);
  });

  it('reads Dukascopy export dates day first', async () => {
    const f = tmp.write(
      'dukascopy-day-first.csv',
      'Gmt time,Ask,Bid,AskVolume,BidVolume\r\n' +
        '01.02.2024 00:00:00.000,1.1,1.09,1,1\r\n' +
        '13.02.2024 00:00:00.000,1.1,1.09,1,1\r\n' +
        '29.02.2024 23:59:59.999,1.1,1.09,1,1\r\n',
    );
    expect((await readAll(f)).ts.map(iso)).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-02-13T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
    ]);
  });

  it('reads generic ISO times with Z, without Z, with offsets applied, and epoch ms', async () => {
    const f = tmp.write(
      'generic-times.csv',
      'timestamp,bid,ask\n' +
        '2024-01-02T03:04:05.678Z,1.1,1.2\n' +
        '2024-01-02T03:04:05.679,1.1,1.2\n' +
        '2024-01-02T03:04:05.680+00:00,1.1,1.2\n' +
        '2024-01-02T05:04:05.681+02:00,1.1,1.2\n' +
        '2024-01-01T22:04:05.682-0500,1.1,1.2\n' +
        '2024-01-02 03:04:05.6834Z,1.1,1.2\n' + // space separator; sub-ms digits truncated
        '2024-01-02T03:04:06Z,1.1,1.2\n' +
        '1704164647000,1.1,1.2\n',
    );
    expect((await readAll(f)).ts.map(iso)).toEqual([
      '2024-01-02T03:04:05.678Z',
      '2024-01-02T03:04:05.679Z',
      '2024-01-02T03:04:05.680Z',
      '2024-01-02T03:04:05.681Z',
      '2024-01-02T03:04:05.682Z',
      '2024-01-02T03:04:05.683Z',
      '2024-01-02T03:04:06.000Z',
      '2024-01-02T03:04:07.000Z',
    ]);
  });

  it('reads dukascopy-node files written with -df iso', async () => {
    const f = tmp.write(
      'dukascopy-node-iso.csv',
      'timestamp,askPrice,bidPrice\n2023-12-29T20:00:09.803Z,1.10371,1.10353\n',
    );
    const r = await readAll(f);
    expect([r.ts.map(iso), r.bid, r.ask]).toEqual([[INSTANT], [1.10353], [1.10371]]);
  });
});

describe('columns and line endings', () => {
  it('maps generic columns by header name in any order', async () => {
    const f = tmp.write(
      'generic-order.csv',
      'ask_volume,ask,timestamp,bid_volume,bid\n0.75,1.10371,1703880009803,1.5,1.10353\n',
    );
    const r = await readAll(f);
    expect([r.ts.map(iso), r.bid, r.ask, r.bidVol, r.askVol]).toEqual([
      [INSTANT],
      [1.10353],
      [1.10371],
      [1.5],
      [0.75],
    ]);
  });

  it('strips a UTF-8 BOM and accepts CRLF in every format', async () => {
    const bom = '\uFEFF';
    const files = [
      tmp.write('bom-generic.csv', `${bom}timestamp,bid,ask\r\n1703880009803,1.10353,1.10371\r\n`),
      tmp.write('bom-histdata.csv', `${bom}20231229 150009803,1.103530,1.103710,0\r\n`),
      tmp.write('bom-truefx.csv', `${bom}EUR/USD,20231229 20:00:09.803,1.10353,1.10371\r\n`),
      tmp.write(
        'bom-dukascopy.csv',
        `${bom}timestamp,askPrice,bidPrice\r\n1703880009803,1.10371,1.10353\r\n`,
      ),
    ];
    for (const f of files) {
      const r = await readAll(f);
      expect([r.ts.map(iso), r.bid, r.ask], f).toEqual([[INSTANT], [1.10353], [1.10371]]);
    }
  });

  it('ignores one final blank line and reads a last line without newline', async () => {
    const a = await readAll(
      tmp.write('final-blank.csv', 'timestamp,bid,ask\n1703880009803,1.1,1.2\n\n'),
    );
    const b = await readAll(
      tmp.write('final-blank-crlf.csv', 'timestamp,bid,ask\r\n1703880009803,1.1,1.2\r\n\r\n'),
    );
    const c = await readAll(
      tmp.write(
        'no-final-newline.csv',
        'timestamp,bid,ask\n1703880009803,1.1,1.2\n1703880009804,1.1,1.2',
      ),
    );
    expect(a.ts).toEqual([1703880009803]);
    expect(b.ts).toEqual([1703880009803]);
    expect(c.ts).toEqual([1703880009803, 1703880009804]);
  });

  it('takes an empty volume field as a missing volume (NaN)', async () => {
    const f = tmp.write(
      'missing-volume.csv',
      'timestamp,bid,ask,bid_volume,ask_volume\n1703880009803,1.1,1.2,,0.5\n',
    );
    const r = await readAll(f);
    expect(r.bidVol).toEqual([NaN]);
    expect(r.askVol).toEqual([0.5]);
  });
});

describe('prices', () => {
  it('rounds float noise away with digits inferred per file', async () => {
    const duka = tmp.write(
      'noise-dukascopy.csv',
      'Gmt time,Ask,Bid,AskVolume,BidVolume\r\n' +
        '31.07.2011 23:00:00.885,1.13733,1.1370200000000001,2.25,1.13\r\n' + // quoted in VENDOR-FORMATS.md
        '31.07.2011 23:00:01.000,1.1374,1.13703,2.3499999046325684,1\r\n',
    );
    const r = await readAll(duka);
    expect(r.bid).toEqual([1.13702, 1.13703]);
    expect(r.ask).toEqual([1.13733, 1.1374]);
    expect(r.askVol, 'volumes are kept as written').toEqual([2.25, 2.3499999046325684]);

    const jpy = tmp.write(
      'noise-truefx-jpy.csv',
      'USD/JPY,20160506 20:49:59.937,107.089996,107.094002\n' +
        'USD/JPY,20160506 20:49:59.937,107.265999,107.271004\n' + // TrueFX-to-Zorro's artefacts
        'USD/JPY,20160506 20:50:00.100,107.266,107.27\n',
    );
    const j = await readAll(jpy);
    expect(j.bid).toEqual([107.09, 107.266, 107.266]);
    expect(j.ask).toEqual([107.094, 107.271, 107.27]);

    const subPip = tmp.write(
      'noise-203.csv',
      'timestamp,bid,ask\n1561987803304,203.14900000000003,203.152\n',
    );
    expect((await readAll(subPip)).bid).toEqual([203.149]);
  });

  it('rounds to the digits option when given', async () => {
    const f = tmp.write(
      'digits-option.csv',
      'timestamp,bid,ask\n1703880009803,1.103534,1.103716\n',
    );
    expect(await readAll(f, { digits: 5 })).toMatchObject({ bid: [1.10353], ask: [1.10372] });
    expect(await readAll(f), 'inferred: 6 decimals are kept').toMatchObject({
      bid: [1.103534],
      ask: [1.103716],
    });
    expect(await readAll(f, { digits: 2 })).toMatchObject({ bid: [1.1], ask: [1.1] });
  });
});

describe('order and batching', () => {
  it('keeps same-millisecond ticks in file order', async () => {
    const f = tmp.write(
      'same-ms.csv',
      'timestamp,bid,ask\n1703880009803,1.10353,1.10371\n1703880009803,1.10351,1.10372\n1703880009803,1.10357,1.10370\n1703880009804,1.1,1.2\n',
    );
    const r = await readAll(f);
    expect(r.ts).toEqual([1703880009803, 1703880009803, 1703880009803, 1703880009804]);
    expect(r.bid).toEqual([1.10353, 1.10351, 1.10357, 1.1]);
  });

  it('yields full batches of batchSize and a short last one', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${1703880009803 + i},1.1${i},1.2${i}`);
    const f = tmp.write('batches.csv', `timestamp,bid,ask\n${rows.join('\n')}\n`);
    const r = await readAll(f, { batchSize: 3 });
    expect(r.batches).toEqual([3, 3, 3, 1]);
    expect(r.ts).toEqual(rows.map((_, i) => 1703880009803 + i));
    expect(r.bid).toEqual(rows.map((_, i) => Number(`1.1${i}`)));
    const exact = await readAll(
      tmp.write('batches-exact.csv', `timestamp,bid,ask\n${rows.slice(0, 9).join('\n')}\n`),
      {
        batchSize: 3,
      },
    );
    expect(exact.batches, 'no empty batch at the end').toEqual([3, 3, 3]);
  });

  it('streams a file of several chunks, with lines cut at chunk boundaries, and reports progress', async () => {
    const n = 120_000; // ~4.4 MB: several 1 MB chunks, lines of varying length
    const lines = ['timestamp,bid,ask,bid_volume,ask_volume'];
    for (let i = 0; i < n; i++)
      lines.push(
        `${1704067200000 + i * 7},1.${10000 + (i % 9000)},1.${10010 + (i % 9000)},${i % 13}.25,${i % 7}`,
      );
    const f = tmp.write('many-chunks.csv', lines.join('\r\n'));
    const progress: [number, number][] = [];
    const r = await readAll(f, {
      batchSize: 50_000,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(r.batches).toEqual([50_000, 50_000, 20_000]);
    for (const i of [0, 1, 28_733, 65_535, 65_536, 99_999, n - 1]) {
      expect([r.ts[i], r.bid[i], r.ask[i], r.bidVol![i], r.askVol![i]], `tick ${i}`).toEqual([
        1704067200000 + i * 7,
        Number(`1.${10000 + (i % 9000)}`),
        Number(`1.${10010 + (i % 9000)}`),
        (i % 13) + 0.25,
        i % 7,
      ]);
    }
    expect(r.ts.length).toBe(n);
    const total = progress[0][1];
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every(([d], k) => k === 0 || d >= progress[k - 1][0])).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
  });
});
