/**
 * The headline promise, tested the hard way: a real CLI process is SIGKILLed at random moments
 * (some while a checkpoint file is being written), resumed, killed again, … and the final export
 * must equal, byte for byte, that of a run that was never interrupted.
 * BACKTESTR_CRASH_KILLS raises the number of kills (default 6).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { filesIn, seededRandom, startCli, waitFor } from './child-cli.ts';

const KILLS = Number(process.env.BACKTESTR_CRASH_KILLS ?? 6);
const ARGS = [
  '--symbol',
  'EURUSD,GBPUSD',
  '--strategy',
  'ma-cross',
  '--param',
  'timeframe=M15',
  '--param',
  'trendTimeframe=H4',
  '--param',
  'trendPeriod=20',
  '--param',
  'lots=0.5',
  '--commission',
  '3.5',
  '--slippage',
  '0.00001',
  '--indicators',
  'rsi(14),bbands(20,2)',
];
const CHECKPOINTS = [
  '--checkpoint-every-ticks',
  '150000',
  '--checkpoint-interval',
  '0',
  '--keep',
  '3',
];

let dir: string;
let reference: Map<string, string>;

function exportOf(runId: string): Map<string, string> {
  const out = path.join(dir, `export-${runId}-${Date.now()}`);
  const r = cli(dir, ['runs', 'export', runId, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return new Map(
    fs
      .readdirSync(out)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
  );
}

function runStatus(runId: string): string {
  const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as {
    id: string;
    status: string;
  }[];
  return runs.find((r) => r.id === runId)!.status;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-crash-'));
  for (const [symbol, seed] of [
    ['EURUSD', '1'],
    ['GBPUSD', '2'],
  ]) {
    expect(
      cli(dir, [
        'data',
        'generate',
        '--symbol',
        symbol,
        '--start',
        '2024-01-01',
        '--days',
        '30',
        '--seed',
        seed,
      ]).code,
    ).toBe(0);
  }
  const straight = cli(dir, ['run', ...ARGS, '--no-checkpoints', '--json']);
  expect(straight.code, straight.stderr).toBe(0);
  reference = exportOf(JSON.parse(straight.stdout).runId);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe(`SIGKILL ${KILLS} times, resume each time`, () => {
  it('ends with an export byte-identical to an uninterrupted run', async () => {
    const random = seededRandom(20261125);
    let runId: string | undefined;
    let kills = 0;
    let killsDuringWrite = 0;
    let completed = false;
    for (let attempt = 0; attempt < KILLS * 3 && !completed; attempt++) {
      // Every third kill waits for a checkpoint temp file and lands while it is being written
      // (the writer holds it open BACKTESTR_CKPT_TEST_DELAY_MS before the rename).
      const duringWrite = kills % 3 === 2;
      const env = duringWrite ? { BACKTESTR_CKPT_TEST_DELAY_MS: '400' } : {};
      const args = runId ? ['resume', runId, ...CHECKPOINTS] : ['run', ...ARGS, ...CHECKPOINTS];
      const proc = startCli(dir, args, env);
      const id = await waitFor(proc, () => /run (\S+) (started|resumed)/.exec(proc.stderr())?.[1]);
      expect(id, proc.stderr()).toBeDefined();
      runId ??= id!;
      const ckptDir = path.join(dir, 'runs', runId, 'checkpoints');
      if (kills < KILLS) {
        if (duringWrite) {
          await waitFor(proc, () => (filesIn(ckptDir, '.tmp').length > 0 ? true : undefined));
        } else {
          // Not before the first checkpoint of the run exists: there would be nothing to resume.
          await waitFor(proc, () => (filesIn(ckptDir, '.btck').length > 0 ? true : undefined));
          await new Promise((r) => setTimeout(r, 50 + random() * 400));
        }
        if (proc.child.exitCode === null && proc.child.kill('SIGKILL')) {
          const { signal } = await proc.exited;
          if (signal === 'SIGKILL') {
            kills++;
            if (duringWrite && filesIn(ckptDir, '.tmp').length > 0) killsDuringWrite++;
            expect(runStatus(runId), 'a run whose process died is reported interrupted').toBe(
              'interrupted',
            );
            continue;
          }
        }
      }
      const { code } = await proc.exited;
      expect(code, proc.stderr()).toBe(0);
      completed = true;
    }
    expect(completed).toBe(true);
    expect(runStatus(runId!)).toBe('completed');
    const resumed = exportOf(runId!);
    expect([...resumed.keys()]).toEqual([...reference.keys()]);
    for (const [file, text] of reference) expect(resumed.get(file), file).toBe(text);
    expect(kills, 'the run outlived every planned kill').toBe(KILLS);
    expect(
      killsDuringWrite,
      'some kills landed while a checkpoint file was being written',
    ).toBeGreaterThan(0);
  }, 600_000);
});
