import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();

/** A generic CSV of `rows` ticks a minute apart, each row made by `row(i)`. */
function csv(dir: string, name: string, rows: number, row: (i: number) => string): string {
  const file = path.join(dir, name);
  const lines = ['timestamp,bid,ask'];
  for (let i = 0; i < rows; i++) lines.push(row(i));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('import refuses values the rest cannot handle, naming file:line (issue 8 §6)', () => {
  it('epoch 9e15: refused at its line, and data list keeps working', () => {
    const dir = tempDir();
    const file = csv(dir, 'far.csv', 10, (i) => `${9e15 + i * 1000},1.1,1.1002`);
    const r = cli(dir, ['data', 'import', file, '--symbol', 'FAR']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(
      `${file}:2: timestamp "9000000000000000" is after the latest supported time 9999-12-31T23:59:59.999Z`,
    );
    const list = cli(dir, ['data', 'list']);
    expect(list.code, list.stderr).toBe(0);
  });

  it('alternating prices 1.1 and 1e308: refused at the first 1e308', () => {
    const dir = tempDir();
    const file = csv(dir, 'huge.csv', 10, (i) => {
      const p = i % 2 === 0 ? '1.1' : '1e308';
      return `${Date.UTC(2024, 0, 1) + i * 60_000},${p},${p}`;
    });
    const r = cli(dir, ['data', 'import', file, '--symbol', 'HUGE']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${file}:3: bid must be at most 1000000000, got 1e+308`);
    expect(JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)).toEqual([]);
  });

  it('ISO year 0000 and epoch 1975 are refused alike; both ends of the range import', () => {
    const dir = tempDir();
    const year0 = csv(dir, 'year0.csv', 1, () => '0000-01-01T00:00:00Z,1.1,1.2');
    const r0 = cli(dir, ['data', 'import', year0, '--symbol', 'OLD']);
    expect(r0.code).toBe(1);
    expect(r0.stderr).toContain(`${year0}:2: timestamp "0000-01-01T00:00:00Z" is 0000-01-01`);
    expect(r0.stderr).toContain('before the earliest supported time 1980-01-01T00:00:00.000Z');
    const e1975 = csv(dir, 'e1975.csv', 1, () => '170000000000,1.1,1.2');
    const r1 = cli(dir, ['data', 'import', e1975, '--symbol', 'OLD']);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(`${e1975}:2: timestamp "170000000000" is 1975-05-22`);

    const ends = csv(dir, 'ends.csv', 2, (i) =>
      i === 0 ? '1980-01-01T00:00:00Z,1.1,1.2' : '253402300799999,1.1,1.2',
    );
    const ok = cli(dir, ['data', 'import', ends, '--symbol', 'ENDS']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)).toEqual([
      {
        symbol: 'ENDS',
        first: '1980-01-01T00:00:00.000Z',
        last: '9999-12-31T23:59:59.999Z',
        ticks: 2,
        // The default spec of a name that is no FX pair: a USD CFD (issue 12).
        quote: 'USD',
        pipSize: 0.01,
        contractSize: 1,
        specEdited: false,
      },
    ]);
  });

  it('the generator refuses a span outside the range', () => {
    const dir = tempDir();
    const early = cli(dir, ['data', 'generate', '--symbol', 'X', '--start', '1975-01-01']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/--start is 1975-01-01T00:00:00\.000Z, before the earliest/);
    const late = cli(dir, ['data', 'generate', '--symbol', 'X', '--start', '9999-12-31']);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/after the latest supported time 9999-12-31T23:59:59\.999Z/);
    expect(JSON.parse(cli(dir, ['data', 'list', '--json']).stdout)).toEqual([]);
  });
});
