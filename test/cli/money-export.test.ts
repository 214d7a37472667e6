/**
 * The money output of a real CLI run, exported and shown (issue 12): a user strategy asks for
 * 1000 lots of EURUSD in a 10,000 USD account at 1:10, which the account refuses when the order
 * would fill, then trades 0.5 and 0.2 lots. The export has the refusal in rejections.csv, lots,
 * swap and MAE/MFE in trades.csv, margin and margin level in equity.csv — byte-identical across
 * two identical runs — and the app's DTOs carry the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResults } from '../../src/main/services/api/run-results.ts';
import { toRunInfo } from '../../src/main/services/api/dto-map.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { getRun } from '../../src/main/services/runs/run-store.ts';
import { cli } from './run-cli.ts';

/**
 * H1 bar 1: 1000 lots (refused); 2: buy 0.5 lots; 3: 1000 more (refused); 5: close; 6: sell
 * 0.2 lots; 7: sell 1000 more (refused); 8: close.
 */
const GREEDY = `
export default {
  name: 'greedy',
  description: 'asks for far more than the account can carry, then trades small',
  params: [],
  requires: () => ({ timeframes: ['H1'] }),
  init(ctx) { ctx.state.n = 0; },
  onBar(ctx, ev) {
    if (ev.timeframe !== 'H1') return;
    const n = ++ctx.state.n;
    const lot = ctx.spec(ev.symbol).contractSize;
    if (n === 1 || n === 3) ctx.buy(ev.symbol, 1000 * lot);
    if (n === 7) ctx.sell(ev.symbol, 1000 * lot);
    if (n === 2) ctx.buy(ev.symbol, 0.5 * lot);
    if (n === 6) ctx.sell(ev.symbol, 0.2 * lot);
    if (n === 5 || n === 8) ctx.close(ev.symbol);
  },
};
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-money-export-'));
  const gen = ['data', 'generate', '--symbol', 'EURUSD', '--start', '2024-01-02', '--days', '2'];
  const r = cli(dir, [...gen, '--seed', '3']);
  expect(r.code, r.stderr).toBe(0);
  fs.mkdirSync(path.join(dir, 'strategies'));
  fs.writeFileSync(path.join(dir, 'strategies', 'greedy.mjs'), GREEDY);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CKPT = ['--checkpoint-every-ticks', '15000', '--checkpoint-interval', '0', '--keep', '50'];

function runAndExport(checkpoints = false): { runId: string; files: Map<string, string> } {
  const args = ['run', '--symbol', 'EURUSD', '--strategy', 'greedy', '--leverage', '10'];
  const more = checkpoints ? CKPT : ['--no-checkpoints'];
  const run = cli(dir, [...args, '--timeframes', 'M1,H1', ...more, '--json']);
  expect(run.code, run.stderr).toBe(0);
  const { runId } = JSON.parse(run.stdout) as { runId: string };
  return { runId, files: exportOf(runId) };
}

function exportOf(runId: string): Map<string, string> {
  const out = path.join(dir, `export-${runId}`);
  const r = cli(dir, ['runs', 'export', runId, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const names = fs.readdirSync(out).sort();
  return new Map(names.map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
}

/** CSV lines as cells; a quoted cell (the reason) is the last one and may hold commas. */
function rows(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\n')
    .map((l) => {
      const q = l.indexOf('"');
      const head = q < 0 ? l : l.slice(0, q - 1);
      const cells = head.split(',');
      return q < 0 ? cells : [...cells, l.slice(q + 1, -1).replaceAll('""', '"')];
    });
}

describe('money output through the CLI export and the DTOs', () => {
  it('exports the refusal, lots, swaps, excursions and margin, the same bytes twice', () => {
    const a = runAndExport();
    const b = runAndExport();
    expect(a.files).toEqual(b.files);

    const [rh, ...refused] = rows(a.files.get('rejections.csv')!);
    expect(rh).toEqual([
      'time',
      'order_id',
      'symbol',
      'side',
      'size',
      'lots',
      'required_margin',
      'free_margin',
      'reason',
    ]);
    expect(refused.map((r) => [r[3], r[5]])).toEqual([
      ['buy', '1000'],
      ['buy', '1000'],
      ['sell', '1000'],
    ]);
    const [, orderId, symbol, side, size, lots, required, free, reason] = refused[0];
    expect([orderId, symbol, side, size, lots]).toEqual([
      '1',
      'EURUSD',
      'buy',
      '100000000',
      '1000',
    ]);
    // Nothing open: free margin = equity = the 10,000 balance. Required = 1000 lots × 100,000
    // units × the ask it would fill at (≈1.1) × rate 1 (USD account) × margin rate 1 / 10.
    expect(Number(free)).toBe(10_000);
    const ask = Number(required) / 1e7;
    expect(ask).toBeGreaterThan(0.9);
    expect(ask).toBeLessThan(1.4);
    expect(reason).toContain('USD');
    expect(reason).toContain(','); // thousands separators: why the cell is quoted

    const [th, ...trades] = rows(a.files.get('trades.csv')!);
    expect(th.slice(-8)).toEqual([
      'lots',
      'swap',
      'mae_pips',
      'mae_money',
      'mfe_pips',
      'mfe_money',
      'stop_loss',
      'take_profit',
    ]);
    const col = (name: string) => th.indexOf(name);
    expect(trades.map((t) => [t[col('side')], t[col('size')], t[col('lots')]])).toEqual([
      ['long', '50000', '0.5'],
      ['short', '20000', '0.2'],
    ]);
    for (const t of trades) {
      for (const c of ['mae_pips', 'mae_money', 'mfe_pips', 'mfe_money'])
        expect(Number(t[col(c)]), c).toBeGreaterThanOrEqual(0);
      // The money is the pips at 10 USD a pip per lot (EURUSD in USD): pips × 10 × lots.
      const perPip = 10 * Number(t[col('lots')]);
      expect(Number(t[col('mae_money')])).toBeCloseTo(Number(t[col('mae_pips')]) * perPip, 6);
      // net = gross − commission + swap
      const [gross, commission, swap, net] = ['gross_pnl', 'commission', 'swap', 'net_pnl'].map(
        (c) => Number(t[col(c)]),
      );
      expect(net).toBeCloseTo(gross - commission + swap, 9);
    }

    const [eh, ...equity] = rows(a.files.get('equity.csv')!);
    expect(eh.slice(-2)).toEqual(['margin', 'margin_level']);
    const flat = equity.filter((e) => e[5] === '0');
    const open = equity.filter((e) => e[5] !== '0');
    expect(flat.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);
    for (const e of flat) expect(e[6]).toBe(''); // no margin used: no level
    for (const e of open) {
      // level = equity / used margin × 100; 0.5 lots ≈ 55,000 USD / 10 ≈ 5,500 USD of margin.
      expect(Number(e[6])).toBeCloseTo((Number(e[2]) / Number(e[5])) * 100, 6);
      expect(Number(e[5])).toBeGreaterThan(1_000);
      expect(Number(e[5])).toBeLessThan(7_000);
    }
  }, 120_000);

  it('gives the app the run money, lots and the refusal', () => {
    const { runId } = runAndExport();
    const db = openDatabase(dir);
    try {
      const run = getRun(db, runId)!;
      const info = toRunInfo(run);
      expect(info.money).toMatchObject({
        currency: 'USD',
        leverage: 10,
        conversions: ['same'],
      });
      expect(info.money!.specs.map((s) => [s.symbol, s.contractSize])).toEqual([
        ['EURUSD', 100_000],
      ]);
      const results = runResults(db, run);
      expect(results.trades.map((t) => t.lots)).toEqual([0.5, 0.2]);
      expect(results.rejections).toHaveLength(3);
      expect(results.rejections[0]).toMatchObject({ side: 'buy', lots: 1000, freeMargin: 10_000 });
      const withMargin = results.equity.filter((p) => p.marginLevel !== null);
      expect(withMargin.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('a fork from any checkpoint exports what the uninterrupted run does, refusals included', () => {
    const straight = runAndExport(true);
    const list = cli(dir, ['checkpoints', 'list', straight.runId, '--json']);
    expect(list.code, list.stderr).toBe(0);
    const seqs = (JSON.parse(list.stdout) as { seq: number }[]).map((c) => c.seq);
    expect(seqs.length).toBeGreaterThan(3);
    // Early (before or around the first refusals), middle, and the last but one.
    for (const seq of [seqs[0], seqs[Math.floor(seqs.length / 2)], seqs.at(-2)!]) {
      const r = cli(dir, [
        'resume',
        straight.runId,
        '--checkpoint',
        String(seq),
        '--json',
        ...CKPT,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const fork = JSON.parse(r.stdout) as { runId: string };
      expect(exportOf(fork.runId), `from checkpoint ${seq}`).toEqual(straight.files);
    }
  }, 180_000);
});
