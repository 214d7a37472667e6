import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.ts';

/** A user strategy as a trader would write it: plain JS, state only in ctx.state. */
const USER_STRATEGY = `
export default {
  name: 'flip-flop',
  description: 'goes long after an up H1 bar, short after a down one',
  params: [{ name: 'lots', type: 'number', default: 0.1, min: 0.01, max: 10, description: 'position size' }],
  requires: () => ({ timeframes: ['H1'], indicators: ['sma(3)'] }),
  init(ctx) { ctx.state.bars = 0; },
  onBar(ctx, ev) {
    if (ev.timeframe !== 'H1') return;
    ctx.state.bars += 1;
    const units = ctx.params.lots * ctx.lotSize;
    const pos = ctx.account.position(ev.symbol);
    const up = ev.bar.close > ev.bar.open;
    if (up && pos.side !== 'long') ctx.buy(ev.symbol, units + pos.size);
    if (!up && pos.side !== 'short') ctx.sell(ev.symbol, units + pos.size);
  },
};
`;

const THROWING_STRATEGY = `
export default {
  name: 'thrower',
  description: 'throws on its 5th H1 bar',
  params: [],
  requires: () => ({ timeframes: ['H1'] }),
  init(ctx) { ctx.state.n = 0; },
  onBar(ctx, ev) {
    if (ev.timeframe === 'H1' && ++ctx.state.n === 5) explode(ev);
  },
};
function explode(ev) { throw new Error('cannot handle bar at ' + new Date(ev.bar.time).toISOString()); }
`;

function dataDirWithTicks(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-cli-'));
  for (const [symbol, seed] of [
    ['EURUSD', '1'],
    ['GBPUSD', '2'],
  ]) {
    const r = cli(dir, [
      'data',
      'generate',
      '--symbol',
      symbol,
      '--start',
      '2024-01-02',
      '--days',
      '3',
      '--seed',
      seed,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
  fs.mkdirSync(path.join(dir, 'strategies'));
  fs.writeFileSync(path.join(dir, 'strategies', 'flip-flop.mjs'), USER_STRATEGY);
  fs.writeFileSync(path.join(dir, 'strategies', 'thrower.js'), THROWING_STRATEGY);
  return dir;
}

// One data folder for the whole file: generating ticks is the slow part.
let shared: string;
beforeAll(() => {
  shared = dataDirWithTicks();
});
afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));

function exportOf(dir: string, args: string[]): Map<string, string> {
  const run = cli(dir, ['run', ...args, '--json']);
  expect(run.code, run.stderr).toBe(0);
  const { runId } = JSON.parse(run.stdout);
  const out = path.join(dir, `export-${runId}`);
  expect(cli(dir, ['runs', 'export', runId, '--out', out]).code).toBe(0);
  return new Map(
    fs
      .readdirSync(out)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
  );
}

describe('backtests from the CLI', () => {
  it('lists built-in and user strategies with their params', () => {
    const r = cli(shared, ['strategies', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as {
      name: string;
      source: string;
      params: { name: string }[];
    }[];
    expect(list.map((s) => [s.name, s.source])).toEqual([
      ['ma-cross', 'builtin'],
      ['rsi-reversion', 'builtin'],
      ['donchian-breakout', 'builtin'],
      ['flip-flop', 'user'],
      ['thrower', 'user'],
    ]);
    expect(list.find((s) => s.name === 'flip-flop')!.params.map((p) => p.name)).toEqual(['lots']);
  });

  it('gives byte-identical exports for the same data and arguments, with two symbols and a user strategy', () => {
    const args = [
      '--symbol',
      'EURUSD,GBPUSD',
      '--strategy',
      'flip-flop',
      '--param',
      'lots=0.5',
      '--commission',
      '3.5',
      '--slippage',
      '0.00001',
    ];
    const a = exportOf(shared, args);
    const b = exportOf(shared, args);
    expect([...a.keys()]).toContain('trades.csv');
    expect([...a.keys()]).toContain('summary.json');
    expect(a).toEqual(b);
    const trades = a.get('trades.csv')!.trimEnd().split('\n');
    expect(trades[0]).toBe(
      'id,symbol,side,size,entry_time,entry_price,exit_time,exit_price,exit_reason,gross_pnl,commission,net_pnl,' +
        'lots,swap,mae_pips,mae_money,mfe_pips,mfe_money,stop_loss,take_profit',
    );
    expect(trades.length).toBeGreaterThan(10);
    expect(new Set(trades.slice(1).map((l) => l.split(',')[1]))).toEqual(
      new Set(['EURUSD', 'GBPUSD']),
    );
    const summary = JSON.parse(a.get('summary.json')!);
    expect(summary.strategy).toEqual({ name: 'flip-flop', params: { lots: 0.5 } });
    expect(summary.statistics.trades).toBe(trades.length - 1);
    // Every position is closed at the end, so the net profit is what the balance gained.
    const equity = a.get('equity.csv')!.trimEnd().split('\n');
    const finalBalance = Number(equity.at(-1)!.split(',')[1]);
    expect(summary.statistics.netProfit).toBeCloseTo(finalBalance - 10_000, 6);
  });

  it('reports statistics with --json and refuses bad params with exit code 2', () => {
    const r = cli(shared, [
      'run',
      '--symbol',
      'EURUSD',
      '--strategy',
      'ma-cross',
      '--param',
      'timeframe=M15',
      '--param',
      'trendTimeframe=H4',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.stats).toMatchObject({ startBalance: 10_000 });
    expect(typeof s.stats.maxDrawdown).toBe('number');
    const bad = cli(shared, [
      'run',
      '--symbol',
      'EURUSD',
      '--strategy',
      'ma-cross',
      '--param',
      'fast=0',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/fast/);
    const unknown = cli(shared, [
      'run',
      '--symbol',
      'EURUSD',
      '--strategy',
      'ma-cross',
      '--param',
      'speed=3',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/speed/);
  });

  it('fails the run, not the process, when a user strategy throws: the message names the file and the stack', () => {
    const r = cli(shared, ['run', '--symbol', 'EURUSD', '--strategy', 'thrower']);
    expect(r.code).toBe(1);
    const file = path.join(shared, 'strategies', 'thrower.js');
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/cannot handle bar at 2024-01-02T/);
    expect(r.stderr).toMatch(/at explode \(/);
    const runs = JSON.parse(cli(shared, ['runs', 'list', '--json']).stdout) as {
      status: string;
      error: string;
      config: { strategy: { name: string } | null };
    }[];
    const failed = runs.find((x) => x.config.strategy?.name === 'thrower')!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('cannot handle bar');
  });
});
