/**
 * Account currency through the real CLI (issue 12): a USDJPY run in a USD account books its yen
 * P&L at the USDJPY mid of the exit moment, recomputed here from the stored ticks; a conversion
 * that cannot be made refuses the run before it starts, naming the pair; a fixed --rate makes it
 * possible; and a run with money on, SIGKILLed and resumed, exports what an uninterrupted one does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { openTickSource, readSymbol } from '../../src/main/services/ticks/tick-store.ts';
import { cli } from '../cli/run-cli.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { checkpointFiles, MA_CROSS_ARGS } from '../checkpoints/lifecycle/shared-data.ts';

const STRATEGY = [...MA_CROSS_ARGS, '--param', 'lots=0.5'];

const dirs: string[] = [];
function folder(...symbols: [string, number, number][]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-money-'));
  dirs.push(dir);
  for (const [symbol, days, seed] of symbols) {
    const args = ['--symbol', symbol, '--start', '2024-01-01', '--days', String(days)];
    const r = cli(dir, ['data', 'generate', ...args, '--seed', String(seed)]);
    expect(r.code, r.stderr).toBe(0);
  }
  return dir;
}

let dir: string;
beforeAll(() => {
  dir = folder(['USDJPY', 4, 1], ['EURUSD', 4, 2]);
}, 120_000);
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function runJson(d: string, args: string[]): { runId: string; status: string } {
  const r = cli(d, ['run', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { runId: string; status: string };
}

function exportOf(d: string, runId: string): Map<string, string> {
  const out = path.join(d, `export-${runId}-${dirs.length}-${Math.random()}`);
  const r = cli(d, ['runs', 'export', runId, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const names = fs.readdirSync(out).sort();
  return new Map(names.map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
}

/** All stored ticks of a symbol as [ts, mid] (read straight from the store, run-independent). */
function mids(d: string, symbol: string): [number, number][] {
  const db = openDatabase(d);
  try {
    const out: [number, number][] = [];
    const src = openTickSource(db, readSymbol(db, symbol)!);
    for (let b = src.next(); b; b = src.next())
      for (let i = 0; i < b.length; i++) out.push([b.ts[i], (b.bid[i] + b.ask[i]) / 2]);
    return out;
  } finally {
    db.close();
  }
}

describe('account currency through the CLI', () => {
  it('books a USDJPY trade in USD at the USDJPY mid of its exit', () => {
    const { runId } = runJson(dir, [
      '--symbol',
      'USDJPY',
      '--account-currency',
      'USD',
      ...STRATEGY,
    ]);
    const csv = exportOf(dir, runId).get('trades.csv')!.trim().split('\n');
    const header = csv[0].split(',');
    const col = (name: string) => header.indexOf(name);
    const trades = csv.slice(1).map((line) => line.split(','));
    expect(trades.length).toBeGreaterThan(0);
    const ticks = mids(dir, 'USDJPY');
    for (const t of trades) {
      const exitMs = Date.parse(t[col('exit_time')]);
      // The last tick at or before the exit (the run closes on a tick, so there is one).
      let k = 0;
      while (k + 1 < ticks.length && ticks[k + 1][0] <= exitMs) k++;
      const sign = t[col('side')] === 'long' ? 1 : -1;
      const diff = Number(t[col('exit_price')]) - Number(t[col('entry_price')]);
      // JPY P&L = diff × units; USD = JPY / USDJPY mid (e.g. 0.25 × 50 000 / 150 = 83.33 USD).
      const expected = (sign * diff * Number(t[col('size')])) / ticks[k][1];
      const gross = Number(t[col('gross_pnl')]);
      expect(Math.abs(gross - expected)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('refuses EURJPY in a USD account without USDJPY before it starts, naming the pair', () => {
    const d = folder(['EURJPY', 1, 3]);
    const r = cli(d, ['run', '--symbol', 'EURJPY', '--account-currency', 'USD', ...STRATEGY]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'EURJPY is quoted in JPY and the account in USD: import or generate USDJPY (or JPYUSD)',
    );
    expect(JSON.parse(cli(d, ['runs', 'list', '--json']).stdout)).toEqual([]);
    const fixed = runJson(d, [
      '--symbol',
      'EURJPY',
      '--account-currency',
      'USD',
      '--rate',
      'JPY=0.0067',
      ...STRATEGY,
    ]);
    expect(fixed.status).toBe('completed');
  });

  it('names the flag of a bad broker option', () => {
    const bad: [string[], string][] = [
      [['--rollover', '25:00'], '--rollover'],
      [['--rate', 'JPY'], '--rate'],
      [['--leverage', 'x'], '--leverage'],
      [['--account-currency', 'DOLLAR'], '--account-currency'],
    ];
    for (const [args, flag] of bad) {
      const r = cli(dir, ['run', '--symbol', 'EURUSD', ...args]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toContain(flag);
    }
  });

  it('exports the same bytes after a SIGKILL and resume as an uninterrupted run', async () => {
    const args = ['--symbol', 'USDJPY,EURUSD', '--account-currency', 'USD', '--leverage', '30'];
    const all = [...args, ...STRATEGY, '--commission', '3.5'];
    const reference = exportOf(dir, runJson(dir, all).runId);
    const ckpt = [
      '--checkpoint-every-ticks',
      '60000',
      '--checkpoint-interval',
      '0',
      '--keep',
      '50',
    ];
    const proc = startCli(dir, ['run', ...all, ...ckpt]);
    const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
    await waitFor(proc, () =>
      checkpointFiles(dir, runId!).some((f) => f.endsWith('.btck')) ? true : undefined,
    );
    proc.child.kill('SIGKILL');
    expect((await proc.exited).signal).toBe('SIGKILL');
    const r = cli(dir, ['resume', runId!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(exportOf(dir, runId!)).toEqual(reference);
  }, 240_000);

  it('refuses to resume when the conversion pair’s ticks changed since the checkpoint', async () => {
    const d = folder(['EURJPY', 2, 3], ['USDJPY', 2, 4]);
    const ckpt = [
      '--checkpoint-every-ticks',
      '40000',
      '--checkpoint-interval',
      '0',
      '--keep',
      '50',
    ];
    const proc = startCli(d, [
      'run',
      '--symbol',
      'EURJPY',
      '--account-currency',
      'USD',
      ...STRATEGY,
      ...ckpt,
    ]);
    const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
    await waitFor(proc, () =>
      checkpointFiles(d, runId!).some((f) => f.endsWith('.btck')) ? true : undefined,
    );
    proc.child.kill('SIGKILL');
    await proc.exited;
    // USDJPY is not traded by the run, only read for rates: replacing it still changes the run.
    const args = ['--symbol', 'USDJPY', '--start', '2024-01-01', '--days', '2', '--seed', '9'];
    expect(cli(d, ['data', 'generate', ...args, '--replace']).code).toBe(0);
    const r = cli(d, ['resume', runId!]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the stored ticks of USDJPY changed since checkpoint');
  }, 240_000);
});
