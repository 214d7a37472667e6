/**
 * The app's side of resuming a run killed before its first checkpoint: `runs:recoverable` lists
 * it (with no checkpoint) and `runs:resume` starts it again from its first tick under the same
 * id, ending with the results of an uninterrupted run. The run is killed for real: a CLI process
 * SIGKILLed mid-run in the same data folder, as when the app or the machine died.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { dataFolder, runJson, RUN_ARGS } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from '../cli/run-cli.ts';
import { EventLog, useBackends } from './helpers.ts';

const backendIn = useBackends();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function ticksDone(dir: string, runId: string): number {
  const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as {
    id: string;
    ticksDone: number;
  }[];
  return runs.find((r) => r.id === runId)?.ticksDone ?? 0;
}

describe('runs:resume of a run that has no checkpoint', () => {
  it('is offered by runs:recoverable and starts again from the first tick under the same id', async () => {
    const dir = dataFolder(2, 4);
    dirs.push(dir);
    const whole = runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']).runId;
    // Default checkpoint policy: the first one after a minute; 1 s per engine step keeps the
    // run far from that (and from its end) when it is killed.
    const proc = startCli(dir, ['run', ...RUN_ARGS], { BACKTESTR_TEST_THROTTLE_MS: '1000' });
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () => (ticksDone(dir, runId) > 0 ? true : undefined));
    proc.child.kill('SIGKILL');
    await proc.exited;

    const { backend } = await backendIn(dir);
    const recoverable = await backend.invoke('runs:recoverable');
    expect(recoverable.map((r) => [r.run.id, r.run.status, r.lastCheckpoint])).toEqual([
      [runId, 'interrupted', null],
    ]);

    const log = new EventLog(backend);
    expect(await backend.invoke('runs:resume', { runId })).toEqual({ runId, forkedFrom: null });
    expect(await log.ended(runId, 60_000)).toEqual({ runId, status: 'completed', error: null });
    expect(await backend.invoke('runs:recoverable')).toEqual([]);
    const a = await backend.invoke('runs:results', { runId: whole });
    const b = await backend.invoke('runs:results', { runId });
    expect(b.trades.length, 'the strategy traded').toBeGreaterThan(0);
    expect(b.trades).toEqual(a.trades);
    expect(b.equity).toEqual(a.equity);
    expect(b.stats).toEqual(a.stats);
  }, 120_000);
});
