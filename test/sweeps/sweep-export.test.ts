import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/services/db/database.ts';
import { oosStatistics, stitchedOosEquity } from '../../src/main/services/sweeps/oos-stitch.ts';
import {
  STATISTIC_COLUMNS,
  textCell,
  writeSweepExport,
} from '../../src/main/services/sweeps/sweep-export.ts';
import type { SweepDetail } from '../../src/shared/sweeps.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { DAY, plainSweep, seededDb, specOf, START, walkForwardSweep } from './sweep-fixture.ts';

const tempDir = useTempDir();

const wfSpec = specOf({
  base: { ...specOf().base, from: START, to: START + 5 * DAY },
  walkForward: { inSampleMs: 2 * DAY, outOfSampleMs: DAY },
});

function csv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(dir).map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]),
  );
}

async function exportedWalkForward(): Promise<{ db: Db; detail: SweepDetail; out: string }> {
  const dir = tempDir();
  const db = await seededDb(dir);
  const detail = await walkForwardSweep(db, dir, wfSpec, [1]);
  const out = path.join(dir, 'exports', 'sweep-x');
  expect(writeSweepExport(db, detail, out)).toEqual(['jobs.csv', 'best.json', 'oos_equity.csv']);
  return { db, detail, out };
}

describe('sweep export', () => {
  it('writes one jobs.csv row per job: params in spec order, status, objective, statistics, error', async () => {
    const dir = tempDir();
    const db = await seededDb(dir, 2);
    // fast=12 with slow=12 makes ma-cross refuse its params: a failed job with a message.
    const spec = specOf({ params: [{ name: 'fast', kind: 'list', values: [3, 12, 5] }] });
    const detail = await plainSweep(db, dir, spec);
    const out = path.join(dir, 'out');
    expect(writeSweepExport(db, detail, out)).toEqual(['jobs.csv', 'best.json']);
    expect(fs.readdirSync(out).sort()).toEqual(['best.json', 'jobs.csv']);

    const [header, ...rows] = csv(path.join(out, 'jobs.csv'));
    expect(header).toEqual([
      'index',
      'phase',
      'window',
      'fast',
      'status',
      'objective',
      ...STATISTIC_COLUMNS,
      'error',
    ]);
    expect(STATISTIC_COLUMNS.slice(0, 3)).toEqual(['startBalance', 'finalBalance', 'finalEquity']);
    expect(STATISTIC_COLUMNS.at(-1)).toBe('rejectedOrders'); // the MT5 report's, issue 12
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['0', 'search', '', '3', 'completed'],
      ['1', 'search', '', '12', 'failed'],
      ['2', 'search', '', '5', 'completed'],
    ]);
    const col = (name: string) => header!.indexOf(name);
    for (const k of [0, 2]) {
      const stats = detail.jobs[k]!.stats!;
      const row = rows[k]!;
      expect(Number(row[col('objective')])).toBe(stats.netProfit);
      for (const s of STATISTIC_COLUMNS)
        expect(row[col(s)], s).toBe(stats[s] === null ? '' : String(stats[s]));
      expect(row[col('error')]).toBe('');
    }
    // The failed job: no objective, no statistics (empty cells), its message.
    const failed = rows[1]!;
    expect(failed.slice(col('objective'), col('error')).every((c) => c === '')).toBe(true);
    expect(failed[col('error')]).toMatch(/fast \(12\) must be less than slow \(12\)/);
    expect(failed[col('error')]).toBe(detail.jobs[1]!.error);

    const best = JSON.parse(fs.readFileSync(path.join(out, 'best.json'), 'utf8'));
    const winner = detail.jobs[0]!.stats!.netProfit! >= detail.jobs[2]!.stats!.netProfit! ? 0 : 2;
    expect(best).toEqual({
      objective: 'net-profit',
      minTrades: 0,
      best: {
        index: winner,
        params: detail.jobs[winner]!.params,
        stats: detail.jobs[winner]!.stats,
        objective: detail.jobs[winner]!.stats!.netProfit,
      },
    });
  });

  it('writes best.json with sorted keys, indented, and best null when no job qualifies', async () => {
    const dir = tempDir();
    const db = await seededDb(dir, 1);
    const spec = specOf({ minTrades: 1_000_000, base: { ...specOf().base, to: START + DAY } });
    const detail = await plainSweep(db, dir, spec);
    const out = path.join(dir, 'out');
    writeSweepExport(db, detail, out);
    expect(fs.readFileSync(path.join(out, 'best.json'), 'utf8')).toBe(
      '{\n  "best": null,\n  "minTrades": 1000000,\n  "objective": "net-profit"\n}\n',
    );
  });

  it('exports a walk-forward sweep: phases and windows, the stitched curve, per-window bests', async () => {
    const { db, detail, out } = await exportedWalkForward();
    const [header, ...rows] = csv(path.join(out, 'jobs.csv'));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['0', 'is', '0', '3', 'completed'],
      ['1', 'is', '0', '5', 'completed'],
      ['2', 'oos', '0', String(detail.jobs[2]!.params.fast), 'completed'],
      ['3', 'is', '1', '3', 'completed'],
      ['4', 'is', '1', '5', 'completed'],
      ['5', 'oos', '1', '', 'failed'], // its window was made to have no qualifying IS job
      ['6', 'is', '2', '3', 'completed'],
      ['7', 'is', '2', '5', 'completed'],
      ['8', 'oos', '2', String(detail.jobs[8]!.params.fast), 'completed'],
    ]);
    expect(rows[5]![header!.indexOf('error')]).toBe('no in-sample job qualified');

    const [eqHeader, ...eqRows] = csv(path.join(out, 'oos_equity.csv'));
    expect(eqHeader).toEqual(['time', 'window', 'balance', 'equity']);
    const stitched = [...stitchedOosEquity(db, detail)];
    expect(eqRows).toEqual(
      stitched.map((s) => [
        new Date(s.time).toISOString(),
        String(s.window),
        String(s.balance),
        String(s.equity),
      ]),
    );
    expect(new Set(eqRows.map((r) => r[1]))).toEqual(new Set(['0', '2']));

    const best = JSON.parse(fs.readFileSync(path.join(out, 'best.json'), 'utf8'));
    expect(best.objective).toBe('net-profit');
    expect(best.outOfSample).toEqual(oosStatistics(db, detail));
    expect(best.windows.map((w: { inSample: object; outOfSample: object }) => w)).toHaveLength(3);
    expect(best.windows[0]).toEqual({
      window: 0,
      inSample: { from: '2024-01-01T00:00:00.000Z', to: '2024-01-03T00:00:00.000Z' },
      outOfSample: { from: '2024-01-03T00:00:00.000Z', to: '2024-01-04T00:00:00.000Z' },
      bestJob: detail.windows[0]!.bestJob,
      params: detail.jobs[detail.windows[0]!.bestJob!]!.params,
      inSampleStats: detail.jobs[detail.windows[0]!.bestJob!]!.stats,
      outOfSampleStats: detail.jobs[2]!.stats,
    });
    expect(best.windows[1]).toMatchObject({
      bestJob: null,
      params: null,
      inSampleStats: null,
      outOfSampleStats: null,
    });
  });

  it('is byte-identical for identical sweeps, and when exported again over itself', async () => {
    const a = await exportedWalkForward();
    const b = await exportedWalkForward();
    const first = files(a.out);
    expect(Object.keys(first).sort()).toEqual(['best.json', 'jobs.csv', 'oos_equity.csv']);
    expect(files(b.out)).toEqual(first);
    // The sweeps really did run twice: different run ids, same bytes.
    expect(a.detail.jobs[0]!.runId).not.toBe(b.detail.jobs[0]!.runId);
    for (const text of Object.values(first)) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
      expect(text).not.toContain(a.detail.jobs[0]!.runId);
    }
    writeSweepExport(a.db, a.detail, a.out);
    expect(files(a.out)).toEqual(first);
  });

  it('has no oos_equity.csv when the OOS runs did not record their equity, like a run export', async () => {
    const dir = tempDir();
    const db = await seededDb(dir);
    const spec = { ...wfSpec, base: { ...wfSpec.base, record: ['trades' as const] } };
    const detail = await walkForwardSweep(db, dir, spec);
    const out = path.join(dir, 'out');
    expect(writeSweepExport(db, detail, out)).toEqual(['jobs.csv', 'best.json']);
    const best = JSON.parse(fs.readFileSync(path.join(out, 'best.json'), 'utf8'));
    expect(best.outOfSample).toBeNull();
    expect(best.windows[0].outOfSampleStats).toEqual(detail.jobs[2]!.stats);
  });

  it('quotes a text cell only when it must (RFC 4180)', () => {
    expect(textCell('plain text: (ok)')).toBe('plain text: (ok)');
    expect(textCell('a, b')).toBe('"a, b"');
    expect(textCell('say "no"')).toBe('"say ""no"""');
    expect(textCell('line\nbreak')).toBe('"line\nbreak"');
  });
});
