/**
 * The report as traders read it, through the real CLI on a real run: `runs show` (MT5-like
 * sections, money settings), `runs trades` (lots, swap, MAE/MFE columns), the end-of-run summary
 * of `run`, and the --json forms (the app's DTOs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

const folder = useDataFolders(2, 4);
const RUN = ['run', '--symbol', 'EURUSD', '--strategy', 'rsi-reversion', '--param', 'timeframe=M5'];

let dir = '';
let runId = '';
let runOutput = '';

beforeAll(() => {
  dir = folder();
  const r = cli(dir, RUN);
  expect(r.code, r.stderr).toBe(0);
  runOutput = r.stdout;
  runId = /run (\S+) completed/.exec(r.stdout)![1];
}, 120_000);

/** The value printed beside a label in a report section ("  Label   value"). */
function valueOf(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`  ${label} `));
  expect(line, `no '${label}' line in:\n${text}`).toBeDefined();
  return line!.slice(label.length + 2).trim();
}

describe('runs show', () => {
  it('prints the run and its report in MT5 sections', () => {
    const r = cli(dir, ['runs', 'show', runId]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`run ${runId}  completed`);
    const titles = lines.filter((l) => /^[A-Z]/.test(l) && !l.startsWith('run '));
    expect(titles.slice(0, 2)).toEqual([expect.stringMatching(/^Summary/), 'Trades']);
    expect(titles).toContain('Money');
    expect(valueOf(r.stdout, 'Initial deposit')).toBe('10,000.00');
    // Money: 2 decimals with separators; counts whole; percentages with '%'.
    expect(valueOf(r.stdout, 'Net profit')).toMatch(/^-?[\d,]+\.\d\d$/);
    expect(valueOf(r.stdout, 'Trades')).toMatch(/^[1-9][\d,]*$/);
    expect(valueOf(r.stdout, 'Max drawdown %')).toMatch(/^[\d,]+\.\d\d%$/);
    expect(valueOf(r.stdout, 'Win rate')).toMatch(/^[\d.]+%$/);
    // The end of `run` prints the same report.
    expect(runOutput).toContain(r.stdout.slice(r.stdout.indexOf('Summary')));
  });

  it('--json prints the RunInfo the app gets, with the issue-12 fields', () => {
    const r = cli(dir, ['runs', 'show', runId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ id: runId, status: 'completed', symbols: ['EURUSD'] });
    expect(Object.keys(info)).toEqual(expect.arrayContaining(['money', 'report', 'stats']));
    expect(typeof info.stats.netProfit).toBe('number');
  });

  it('refuses an unknown run by name', () => {
    const r = cli(dir, ['runs', 'show', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("no run 'nope'");
  });
});

describe('runs trades', () => {
  it('lists the trades with lots, swap and MAE/MFE columns', () => {
    const r = cli(dir, ['runs', 'trades', runId]);
    expect(r.code, r.stderr).toBe(0);
    const [header, first] = r.stdout.split('\n');
    for (const col of ['lots', 'swap', 'net', 'MAE pips', 'MAE', 'MFE pips', 'MFE']) {
      expect(header.split(/\s{2,}/)).toContain(col);
    }
    expect(first).toMatch(/^\s*1\s+EURUSD\s+(long|short)\s/);
  });

  it('--json gives the trades and refused orders as the app gets them', () => {
    const r = cli(dir, ['runs', 'trades', runId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.trades.length).toBeGreaterThan(0);
    expect(out.trades[0]).toMatchObject({ id: 1, symbol: 'EURUSD', size: 100_000 });
    expect(out.rejections).toEqual([]);
  });
});
