/**
 * When the pause checkpoint cannot be written, "paused at N ticks" would promise work that is not
 * saved: the CLI must say so and name the checkpoint resume will use. The read-only case needs
 * root to mount a tmpfs (remounted read-only mid-run); elsewhere it is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { checkpointFiles, dataFolder } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

const SLOW = { BACKTESTR_TEST_THROTTLE_MS: '250' };
const RUN = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1,H1'];

const dir = dataFolder(3, 7);
const runsDir = path.join(dir, 'runs');
const mounted = (() => {
  try {
    fs.mkdirSync(runsDir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', runsDir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  if (mounted) execFileSync('umount', [runsDir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a slowed run, waits for `ready` and two more steps, SIGINTs it, returns its output. */
async function pauseWhen(args: string[], ready: (stderr: string) => boolean) {
  const run = startCli(dir, [...RUN, ...args], SLOW);
  await waitFor(run, () => (ready(run.stderr()) ? true : undefined));
  await new Promise((r) => setTimeout(r, 2 * Number(SLOW.BACKTESTR_TEST_THROTTLE_MS)));
  run.child.kill('SIGINT');
  const { code } = await run.exited;
  const runId = /run (\S+) started/.exec(run.stderr())![1];
  return { code, stdout: run.stdout(), runId };
}

describe('a pause whose checkpoint was not written says where resume will start (issue 8 §10)', () => {
  it('with checkpoints off: no checkpoint, resume redoes the run from its first tick', async () => {
    const r = await pauseWhen(['--no-checkpoints'], (err) => /started/.test(err));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/paused at/);
    expect(r.stdout).toMatch(
      /stopped at \d+ ticks, but checkpoints are off \(--no-checkpoints\), so nothing was saved: it has no valid checkpoint, so resume will redo it from its first tick/,
    );
  });

  it.skipIf(!mounted)(
    'on a folder gone read-only: the pause checkpoint failed, resume uses the newest valid one (skipped where mounting a tmpfs is not allowed)',
    async () => {
      let runId = '';
      const r = await pauseWhen(
        ['--checkpoint-every-ticks', '65536', '--checkpoint-interval', '0', '--keep', '50'],
        (err) => {
          runId ||= /run (\S+) started/.exec(err)?.[1] ?? '';
          if (!runId || !checkpointFiles(dir, runId).some((f) => f.endsWith('.btck'))) return false;
          execFileSync('mount', ['-o', 'remount,ro', runsDir]);
          return true;
        },
      );
      execFileSync('mount', ['-o', 'remount,rw', runsDir]);
      expect(r.code).toBe(0);
      const m =
        /stopped at (\d+) ticks, but its pause checkpoint failed \((.*)\): resume will continue from checkpoint (\d+) at (\d+) ticks/.exec(
          r.stdout,
        );
      expect(m, r.stdout).not.toBeNull();
      expect(m![2]).toMatch(/EROFS|read-only/i);
      const valid = JSON.parse(cli(dir, ['checkpoints', 'list', r.runId, '--json']).stdout).filter(
        (c: { status: string }) => c.status === 'valid',
      );
      const newest = valid[valid.length - 1];
      expect([Number(m![3]), Number(m![4])]).toEqual([newest.seq, newest.ticks]);
      expect(Number(m![4])).toBeLessThan(Number(m![1]));
    },
  );
});
