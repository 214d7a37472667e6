import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();

describe('backtestr CLI', () => {
  it('generates, lists, runs and exports in a data folder of its own', () => {
    const dir = tempDir();
    const gen = cli(dir, [
      'data',
      'generate',
      '--symbol',
      'EURUSD',
      '--start',
      '2024-01-01',
      '--days',
      '2',
      '--seed',
      '3',
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'backtestr.db'))).toBe(true);

    const list = cli(dir, ['data', 'list', '--json']);
    expect(list.code).toBe(0);
    const [sym] = JSON.parse(list.stdout);
    expect(sym.symbol).toBe('EURUSD');
    expect(sym.first.startsWith('2024-01-01')).toBe(true);
    expect(sym.ticks).toBeGreaterThan(100_000);

    const run = cli(dir, [
      'run',
      '--symbol',
      'EURUSD',
      '--timeframes',
      'M1,H1',
      '--indicators',
      'ema(20),bbands(20,2)',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ ticks: sym.ticks });
    expect(Object.keys(summary.bars)).toEqual(['M1', 'H1']);
    expect(summary.ticksPerSec).toBeGreaterThan(0);

    const runs = cli(dir, ['runs', 'list', '--json']);
    expect(
      JSON.parse(runs.stdout).map((r: { id: string; status: string }) => [r.id, r.status]),
    ).toEqual([[summary.runId, 'completed']]);

    const out = path.join(dir, 'export');
    const exp = cli(dir, ['runs', 'export', summary.runId, '--out', out]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['EURUSD_H1.csv', 'EURUSD_M1.csv']);
    expect(fs.readFileSync(path.join(out, 'EURUSD_H1.csv'), 'utf8').split('\n')[0]).toBe(
      'time,open,high,low,close,volume,ticks,ema_20,bbands_20_2_upper,bbands_20_2_middle,bbands_20_2_lower',
    );
  });

  it('takes --data-dir over BACKTESTR_DATA_DIR', () => {
    const envDir = tempDir();
    const flagDir = tempDir();
    const r = cli(envDir, [
      '--data-dir',
      flagDir,
      'data',
      'generate',
      '--symbol',
      'X',
      '--days',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(flagDir, 'backtestr.db'))).toBe(true);
    expect(fs.existsSync(path.join(envDir, 'backtestr.db'))).toBe(false);
  });

  it('exits 2 on usage errors and 1 on errors, with a message and no stack trace', () => {
    const dir = tempDir();
    const unknownOption = cli(dir, ['data', 'list', '--bogus']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/bogus/);
    expect(cli(dir, ['frobnicate']).code).toBe(2);
    expect(cli(dir, ['run']).code).toBe(2);
    expect(cli(dir, ['run', '--symbol', 'X', '--timeframes', 'M2']).stderr).toMatch(
      /valid: M1, M5/,
    );

    const missing = cli(dir, ['run', '--symbol', 'NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no ticks stored for NOPE/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(cli(dir, ['run', '--symbol', 'NOPE', '--verbose']).stderr).toMatch(/\n\s+at /);

    const badSpec = cli(dir, ['run', '--symbol', 'X', '--indicators', 'foo(3)']);
    expect(badSpec.code).not.toBe(0);
    expect(badSpec.stderr).toMatch(/sma/);
  });

  it('rejects a CSV with a bad line naming file:line, and writes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ticks.csv');
    fs.writeFileSync(
      file,
      'timestamp,bid,ask\n1704067200000,1.1,1.1002\n1704067200100,1.1,1.1003\n1704067200200,1.2,1.1\n',
    );
    const r = cli(dir, ['data', 'import', file, '--symbol', 'EURUSD']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4:`);
    expect(r.stderr).toMatch(/bid.*ask/i);
    expect(JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)).toEqual([]);

    fs.writeFileSync(
      file,
      'timestamp,bid,ask\n2024-01-01T00:00:00.000Z,1.1,1.1002\n2024-01-01T00:00:00.000Z,1.1001,1.1003\n',
    );
    const ok = cli(dir, ['data', 'import', file, '--symbol', 'EURUSD']);
    expect(ok.code, ok.stderr).toBe(0);
    const again = cli(dir, ['data', 'import', file, '--symbol', 'EURUSD']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file}:2: tick at 2024-01-01T00:00:00.000Z overlaps`);
    expect(cli(dir, ['data', 'import', file, '--symbol', 'EURUSD', '--replace']).code).toBe(0);
    expect(JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)[0].ticks).toBe(2);
  });
});
