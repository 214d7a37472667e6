/**
 * The checkpoint budget over a long life of a data folder, with real processes and real files:
 * many runs with a checkpoint every few thousand ticks — completed, SIGKILLed mid-run (left
 * 'running', i.e. interrupted) and paused with SIGINT — under a low budget. After every run that
 * ended normally the folder's checkpoint files fit the budget; no unfinished run ever loses the
 * checkpoint it stopped on; at the end each of them still resumes to completion.
 *
 * Sized by environment (defaults keep it around a minute on 2 cores; raise for a longer soak):
 *   BACKTESTR_SPACE_RUNS         runs (default 8)
 *   BACKTESTR_SPACE_DAYS         days of generated ticks per run (default 4, ~800 000 ticks)
 *   BACKTESTR_SPACE_EVERY_TICKS  ticks between checkpoints (default 2000)
 *   BACKTESTR_SPACE_BUDGET       the budget (default 64KiB: live-state checkpoints are a few KB)
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../../src/shared/size-text.ts';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';
import { generateEurusd } from '../lifecycle/shared-data.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const RUNS = Number(env('BACKTESTR_SPACE_RUNS', '8'));
const DAYS = Number(env('BACKTESTR_SPACE_DAYS', '4'));
const EVERY = env('BACKTESTR_SPACE_EVERY_TICKS', '2000');
const BUDGET = env('BACKTESTR_SPACE_BUDGET', '64KiB');

const RUN = [
  'run',
  '--symbol',
  'EURUSD',
  '--timeframes',
  'M1,M5,H1',
  '--indicators',
  'ema(20),rsi(14)',
];
const CKPT = ['--checkpoint-every-ticks', EVERY, '--checkpoint-interval', '0', '--keep', '3'];

const tempDir = useTempDir();

/** Every checkpoint file of the folder (quarantined ones too), measured by the test itself. */
function checkpointBytes(dir: string): number {
  const runs = path.join(dir, 'runs');
  let sum = 0;
  for (const r of fs.existsSync(runs) ? fs.readdirSync(runs) : []) {
    const d = path.join(runs, r, 'checkpoints');
    for (const f of fs.existsSync(d) ? fs.readdirSync(d) : []) {
      if (/\.btck(\.\d+)?(\.corrupt)?$/.test(f)) sum += fs.statSync(path.join(d, f)).size;
    }
  }
  return sum;
}

/** Every checkpoint file of the folder, by path. */
function allCheckpointFiles(dir: string): string[] {
  const runs = path.join(dir, 'runs');
  return (fs.existsSync(runs) ? fs.readdirSync(runs) : []).flatMap((r) => {
    const d = path.join(runs, r, 'checkpoints');
    return (fs.existsSync(d) ? fs.readdirSync(d) : [])
      .filter((f) => /\.btck(\.\d+)?(\.corrupt)?$/.test(f))
      .map((f) => path.join(d, f));
  });
}

/** The newest checkpoint file of a run (the one a resume starts from). */
function newestCheckpoint(dir: string, runId: string): string | undefined {
  const d = path.join(dir, 'runs', runId, 'checkpoints');
  const files = fs.readdirSync(d).filter((f) => f.endsWith('.btck'));
  return files.sort().at(-1) && path.join(d, files.sort().at(-1)!);
}

/** Starts a run and stops it with `signal` once it has written `n` checkpoint files. */
async function stoppedRun(dir: string, signal: NodeJS.Signals, n: number): Promise<string> {
  const proc = startCli(dir, [...RUN, ...CKPT, '--keep', '50']);
  const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
  expect(runId, proc.stderr()).toBeDefined();
  const ckDir = path.join(dir, 'runs', runId!, 'checkpoints');
  await waitFor(proc, () =>
    fs.existsSync(ckDir) && fs.readdirSync(ckDir).filter((f) => f.endsWith('.btck')).length >= n
      ? true
      : undefined,
  );
  proc.child.kill(signal);
  const end = await proc.exited;
  if (signal === 'SIGINT') expect(end.code, `paused run exits cleanly: ${proc.stderr()}`).toBe(0);
  return runId!;
}

function counts(dir: string): { written: number; collected: number } {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
  try {
    const q = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      written: q("SELECT COUNT(*) AS n FROM checkpoints WHERE status != 'failed'"),
      collected: q("SELECT COUNT(*) AS n FROM checkpoints WHERE status = 'gc'"),
    };
  } finally {
    db.close();
  }
}

describe('checkpoint budget over many runs', () => {
  it(`keeps ${RUNS} runs' checkpoints under ${BUDGET} and every unfinished run resumable`, async () => {
    const dir = tempDir();
    const budget = parseSize(BUDGET);
    generateEurusd(dir, DAYS, 11);
    expect(cli(dir, ['settings', 'checkpoint-budget', BUDGET]).code).toBe(0);
    /** Unfinished runs and the file each stopped on: it must survive until it is resumed. */
    const unfinished = new Map<string, string>();
    const checkUnfinished = (when: string): void => {
      for (const [runId, file] of unfinished) {
        expect(fs.existsSync(file), `${when}: resume point of ${runId} kept`).toBe(true);
      }
    };

    /**
     * Within the budget — or, when the unfinished runs' resume points alone exceed it, nothing
     * but those left: they are never deleted.
     */
    const withinBudget = (when: string): void => {
      if (checkpointBytes(dir) <= budget) return;
      const resumePoints = new Set(unfinished.values());
      const extra = allCheckpointFiles(dir).filter((f) => !resumePoints.has(f));
      expect(extra, `${when}: over budget with more than the resume points left`).toEqual([]);
    };

    for (let i = 0; i < RUNS; i++) {
      if (i % 4 === 1 || i % 4 === 3) {
        const signal = i % 4 === 1 ? 'SIGKILL' : 'SIGINT';
        const runId = await stoppedRun(dir, signal, 2 + (i % 5));
        unfinished.set(runId, newestCheckpoint(dir, runId)!);
      } else {
        const r = cli(dir, [...RUN, ...CKPT, '--json']);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).status).toBe('completed');
        // The run's last budget pass has finished before its process ended.
        withinBudget(`after run ${i}`);
      }
      checkUnfinished(`after run ${i}`);
    }

    const { written, collected } = counts(dir);
    expect(written, 'checkpoints written in all').toBeGreaterThan(RUNS * 5);
    expect(collected, 'the budget, not only per-run retention, deleted files').toBeGreaterThan(0);

    for (const runId of unfinished.keys()) {
      const r = cli(dir, ['resume', runId, '--json']);
      expect(r.code, `resume ${runId}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).status, `resumed ${runId}`).toBe('completed');
      unfinished.delete(runId);
      checkUnfinished(`after resuming ${runId}`);
      withinBudget(`after resuming ${runId}`);
    }
    console.log(
      `space test: ${RUNS} runs, ${written} checkpoints written, ${collected} deleted by the budget, ` +
        `${checkpointBytes(dir)} bytes kept of a ${budget}-byte budget`,
    );
  }, 1_200_000);
});
