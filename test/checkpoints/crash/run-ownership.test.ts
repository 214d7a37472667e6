/**
 * One owner per run, tested with real processes: a run whose strategy keeps the engine thread
 * busy for longer than the staleness window still shows signs of life (its heartbeat does not
 * wait for the engine) so nobody takes it over; and when an owner is truly stalled (SIGSTOP) and
 * another process takes the run over, the stalled one — woken up — has every write refused, says
 * so, and leaves the completed result exactly as an uninterrupted run's.
 * The staleness window is made short through BACKTESTR_HEARTBEAT_STALE_MS (default one minute).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { writeStrategy } from '../../strategies/helpers.ts';
import {
  checkpointFiles,
  useDataFolders,
  exportOf,
  runJson,
  runsOf,
  RUN_ARGS,
} from '../lifecycle/shared-data.ts';
import { databasePath } from '../../../src/main/services/db/database.ts';
import { startCli, stopOutsideWrite, waitFor } from './child-cli.ts';

const STALE_MS = 2000;
/** Every process of these tests, readers included (they are the ones judging staleness). */
const ENV = { BACKTESTR_HEARTBEAT_STALE_MS: String(STALE_MS) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Busy-waits 8 ms per M1 bar: ~3 s of engine thread per 64 K-tick step, longer than STALE_MS. */
const SLOW_STRATEGY = `export default {
  name: 'slow',
  description: 'busy-waits on every bar (a slow strategy)',
  params: [],
  init() {},
  onBar() {
    const until = performance.now() + 8;
    while (performance.now() < until);
  },
};
`;

const folder = useDataFolders(1, 4);

/** How many checkpoints of the run the index holds (read-only: the run's process is alive). */
function indexedCheckpoints(dir: string, runId: string): number {
  const r = cli(dir, ['checkpoints', 'list', runId, '--json'], ENV);
  return r.code === 0 ? (JSON.parse(r.stdout) as unknown[]).length : 0;
}

function statusOf(dir: string, runId: string): string | undefined {
  const r = cli(dir, ['runs', 'list', '--json'], ENV);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string; status: string }[]).find((x) => x.id === runId)
    ?.status;
}

describe('run ownership', () => {
  it('a slow run that outlives the staleness window is never taken over', async () => {
    const dir = folder();
    writeStrategy(dir, 'slow.mjs', SLOW_STRATEGY);
    const args = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1', '--strategy', 'slow'];
    const proc = startCli(dir, [...args, '--no-checkpoints'], ENV);
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    const started = Date.now();
    const seen: string[] = [];
    let refused: { code: number; stderr: string } | null = null;
    while (proc.child.exitCode === null) {
      const status = statusOf(dir, runId);
      if (proc.child.exitCode !== null) break; // it may have finished while we looked
      seen.push(status!);
      if (!refused && Date.now() - started > 2 * STALE_MS)
        refused = cli(dir, ['resume', runId], ENV);
      await sleep(300);
    }
    const lived = Date.now() - started;
    const exit = await proc.exited;
    expect(exit.code, proc.stderr()).toBe(0);
    expect(lived, 'the run outlived the staleness window several times').toBeGreaterThan(
      3 * STALE_MS,
    );
    // The last look may catch the run completed while its process is still exiting.
    const whileRunning = seen.filter((s, i) => !(s === 'completed' && i === seen.length - 1));
    expect(new Set(whileRunning), 'every look while it ran saw it running').toEqual(
      new Set(['running']),
    );
    expect(refused, 'a resume was tried while it ran').not.toBeNull();
    expect(refused!.code).toBe(1);
    expect(refused!.stderr).toMatch(/is being run by process \d+/);
    expect(statusOf(dir, runId)).toBe('completed');
  }, 120_000);

  it("after a forced takeover of a stalled owner, the old session's writes are refused and the result equals an uninterrupted run's", async () => {
    const ref = folder();
    const reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);

    const dir = folder();
    const ckpt = ['--checkpoint-every-ticks', '30000', '--checkpoint-interval', '0'];
    const proc = startCli(dir, ['run', ...RUN_ARGS, ...ckpt], {
      ...ENV,
      BACKTESTR_TEST_THROTTLE_MS: '300', // ~8 steps: slow enough to be stopped mid-run
      BACKTESTR_CKPT_TEST_DELAY_MS: '200', // and likely mid checkpoint write
    });
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () =>
      checkpointFiles(dir, runId).some((f) => f.endsWith('.btck')) ? true : undefined,
    );
    // Not the instant the file appears: the writer renames it while holding SQLite's write lock
    // (the fenced rename), and a process stopped right there would hold the lock for as long as
    // it is stopped. Once the checkpoint's index row exists, that transaction has committed.
    await waitFor(proc, () => (indexedCheckpoints(dir, runId) > 0 ? true : undefined));
    await stopOutsideWrite(proc, databasePath(dir));
    let takenOverAt = -1;
    try {
      await sleep(STALE_MS + 1000);
      expect(statusOf(dir, runId), 'a stopped owner stops beating').toBe('interrupted');
      const resumed = cli(dir, ['resume', runId, '--json', ...ckpt], ENV);
      expect(resumed.code, resumed.stderr).toBe(0);
      const summary = JSON.parse(resumed.stdout);
      expect(summary.status).toBe('completed');
      takenOverAt = summary.resumedFrom.seq;
    } finally {
      proc.child.kill('SIGCONT');
    }
    const exit = await proc.exited;
    expect(exit.code, 'the old session fails: it lost the run').toBe(1);
    expect(proc.stderr()).toMatch(
      new RegExp(
        `run ${runId} was taken over by another session \\(it is now completed\\); this session's writes were refused`,
      ),
    );
    const run = runsOf(dir).find((r) => r.id === runId)!;
    expect(run.status, 'the completed result is left alone').toBe('completed');
    expect(exportOf(dir, runId)).toEqual(reference);
    // No file of the old session's among the new owner's, except those it wrote while it still
    // owned the run (one may lack its index row: the stop came between rename and row).
    const rows = JSON.parse(cli(dir, ['checkpoints', 'list', runId, '--json']).stdout) as {
      file: string;
      status: string;
    }[];
    const indexed = rows.filter((r) => r.status === 'valid').map((r) => r.file);
    const onDisk = checkpointFiles(dir, runId)
      .filter((f) => f.endsWith('.btck'))
      .map((f) => path.basename(f));
    for (const file of onDisk) {
      const seq = Number(/^ckpt-(\d+)-/.exec(file)![1]);
      if (!indexed.includes(file))
        expect(seq, `${file} predates the takeover`).toBeLessThanOrEqual(takenOverAt);
      const verify = cli(dir, [
        'checkpoints',
        'verify',
        path.join(path.dirname(checkpointFiles(dir, runId)[0]), file),
      ]);
      expect(verify.code, `${file}: ${verify.stderr}`).toBe(0);
    }
  }, 120_000);
});
