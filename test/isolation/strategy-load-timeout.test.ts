// User strategy files whose import never finishes, through the real CLI: each is an error entry
// naming it after the load budget, the other strategies are listed and run as usual.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import { generateEurusd } from '../checkpoints/lifecycle/shared-data.ts';
import { strategySource, writeStrategy } from '../strategies/helpers.ts';
import { LOOPS_AT_LOAD, NEVER_LOADS } from './strategies.ts';

const ENV = { BACKTESTR_STRATEGY_LOAD_TIMEOUT_MS: '500' };

describe('a user strategy module that never finishes loading', () => {
  let dir = '';
  let never = '';
  let loops = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-test-'));
    never = writeStrategy(dir, 'a-never.mjs', NEVER_LOADS);
    loops = writeStrategy(dir, 'b-loops.mjs', LOOPS_AT_LOAD);
    writeStrategy(dir, 'c-good.mjs', strategySource('good'));
    generateEurusd(dir, 1, 5);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('strategies list: lists the others and names each file that did not load in time (exit 0)', () => {
    const r = cli(dir, ['strategies', 'list', '--json'], ENV);
    expect(r.code, r.stderr).toBe(0);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(['ma-cross', 'rsi-reversion', 'donchian-breakout', 'good']);
    expect(r.stderr).toContain(`${never}: loading ${never} did not finish within 0.5 s`);
    expect(r.stderr).toContain(`${loops}: loading ${loops} did not finish within 0.5 s`);
  });

  it('a run of a built-in and a run of another user strategy work', () => {
    for (const strategy of ['ma-cross', 'good']) {
      const r = cli(
        dir,
        ['run', '--symbol', 'EURUSD', '--strategy', strategy, '--no-checkpoints', '--json'],
        ENV,
      );
      expect(r.code, `${strategy}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed' });
    }
  });

  it('a run of the strategy that cannot load says why, naming the file (exit 1)', () => {
    const r = cli(
      dir,
      ['run', '--symbol', 'EURUSD', '--strategy', 'never', '--no-checkpoints'],
      ENV,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `not loaded: ${never}: loading ${never} did not finish within 0.5 s`,
    );
  });
});
