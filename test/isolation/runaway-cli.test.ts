// A strategy stuck in a callback, through the real CLI in a child process: the controller thread
// is not the one running strategy code, so the watchdog and signals still work.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import { generateEurusd } from '../checkpoints/lifecycle/shared-data.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { writeStrategy } from '../strategies/helpers.ts';
import {
  ENDLESS_ON_BAR,
  ENDLESS_REQUIRES,
  EXITS_IN_ON_BAR,
  HOARDER,
  LEAVES_A_TIMER,
  slowOnBar,
  stuckInOnBar,
} from './strategies.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/backtestr.js');
const tempDir = useTempDir();

/** A data folder with 2 days of EURUSD ticks from 2024-01-01 and the strategy file. */
function dataWith(source: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = writeStrategy(dir, 'strategy.mjs', source);
  generateEurusd(dir, 2, 3);
  return { dir, file };
}

const RUN = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1,H1', '--no-checkpoints'];

/** Starts the CLI, resolves when stderr shows `started`, then exposes the process. */
function startCli(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BACKTESTR_DATA_DIR: dir },
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const started = new Promise<void>((resolve) =>
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/run \S+ started/.test(stderr)) resolve();
    }),
  );
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, started, exited, out: () => ({ stderr, stdout }) };
}

describe('a strategy callback that never returns (CLI)', () => {
  it('fails the run after the callback budget, naming the file, the callback and the bar (exit 1)', () => {
    const { dir, file } = dataWith(ENDLESS_ON_BAR);
    const r = cli(dir, [...RUN, '--strategy', 'endless', '--callback-timeout', '500ms']);
    const why = `strategy ${file}: onBar on EURUSD H1 bar 2024-01-01T00:00:00Z ran longer than 0.5 s`;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`backtestr: ${why}`);
    const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as {
      status: string;
      error: string | null;
    }[];
    expect(runs.map((x) => [x.status, x.error])).toEqual([['failed', why]]);
    // Released: the run is not held by the (gone) worker, so it reads failed, not running.
  });

  it('takes the budget from BACKTESTR_CALLBACK_TIMEOUT_MS when no option is given', () => {
    const { dir } = dataWith(ENDLESS_ON_BAR);
    const r = cli(dir, [...RUN, '--strategy', 'endless'], { BACKTESTR_CALLBACK_TIMEOUT_MS: '300' });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/onBar on EURUSD H1 bar 2024-01-01T00:00:00Z ran longer than 0\.3 s/);
  });

  it('budgets each call, not their sum: many slow calls within the budget complete', () => {
    // 48 H1 bars × 40 ms is ~2 s of strategy time, far over the 400 ms budget of one call.
    const { dir } = dataWith(slowOnBar(40));
    const r = cli(dir, [...RUN, '--strategy', 'slow', '--callback-timeout', '400ms', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed' });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`answers ${signal} while stuck: says so, and the stuck run ends failed naming the callback`, async () => {
      const { dir, file } = dataWith(ENDLESS_ON_BAR);
      const p = startCli(dir, [...RUN, '--strategy', 'endless', '--callback-timeout', '2s']);
      await p.started;
      await stuckInOnBar(file);
      p.child.kill(signal);
      const { code } = await p.exited;
      const { stderr } = p.out();
      expect(stderr).toContain(`${signal}: writing a checkpoint and pausing the run`);
      expect(stderr).toMatch(/onBar on EURUSD H1 bar 2024-01-01T00:00:00Z ran longer than 2 s/);
      expect(code).toBe(1);
    });
  }

  it('exits at once on a second SIGINT, leaving the run to be resumed (interrupted)', async () => {
    const { dir, file } = dataWith(ENDLESS_ON_BAR);
    const p = startCli(dir, [...RUN, '--strategy', 'endless', '--callback-timeout', '10m']);
    await p.started;
    await stuckInOnBar(file);
    p.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill('SIGINT');
    expect((await p.exited).code).toBe(130);
    const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as { status: string }[];
    expect(runs.map((x) => x.status)).toEqual(['interrupted']);
  });

  it('watches a strategy module while the run loads it: a requires() that never returns fails the run', () => {
    const { dir, file } = dataWith(ENDLESS_REQUIRES);
    const r = cli(dir, [...RUN, '--strategy', 'needy'], {
      BACKTESTR_STRATEGY_LOAD_TIMEOUT_MS: '500',
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`backtestr: loading ${file} took longer than 0.5 s`);
  });

  it('a strategy that calls process.exit ends its run failed, not the CLI with its code', () => {
    const { dir } = dataWith(EXITS_IN_ON_BAR);
    const r = cli(dir, [...RUN, '--strategy', 'quitter']);
    const why = "the run's worker thread stopped unexpectedly: exit code 3";
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`backtestr: ${why}`);
    const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as {
      status: string;
      error: string | null;
    }[];
    expect(runs.map((x) => [x.status, x.error])).toEqual([['failed', why]]);
  });

  it('a timer the strategy leaves running does not keep the CLI alive after the run', () => {
    const { dir } = dataWith(LEAVES_A_TIMER);
    const r = cli(dir, [...RUN, '--strategy', 'ticking', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed' });
  });

  it('a strategy allocating without bound fails its run at the heap limit (exit 1), the CLI says so', () => {
    const { dir, file } = dataWith(HOARDER);
    const r = cli(dir, [...RUN, '--strategy', 'hoarder'], { BACKTESTR_RUN_MEMORY_MB: '48' });
    const why = `strategy ${file} ran out of memory (the run's heap limit is 48 MB)`;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`backtestr: ${why}`);
    const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as { status: string }[];
    expect(runs.map((x) => x.status)).toEqual(['failed']);
  });
});
