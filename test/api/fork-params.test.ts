import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { completedRun, EventLog, MA_CROSS_RUN, useBackends } from './helpers.ts';

const backendIn = useBackends();

const RUN: ArgsOf<'runs:start'> = MA_CROSS_RUN;

describe('runs:resume with changed strategy params', () => {
  it('forks from the checkpoint with the new params: trades opened after it use them', async () => {
    const { backend, runId } = await completedRun(backendIn, RUN);
    const log = new EventLog(backend);
    const at = (await backend.invoke('checkpoints:list', { runId })).find((c) => c.seq === 2)!;
    const { runId: fork, forkedFrom } = await backend.invoke('runs:resume', {
      runId,
      checkpoint: 2,
      params: { lots: 3 },
    });
    expect(forkedFrom).toBe(runId);
    expect((await log.ended(fork)).status).toBe('completed');
    const info = await backend.invoke('runs:get', { runId: fork });
    expect(info).toMatchObject({ parentRunId: runId, parentSeq: 2 });
    expect(info.strategy?.params).toMatchObject({ ...RUN.params, lots: 3 });
    expect((await backend.invoke('runs:get', { runId })).strategy?.params.lots).toBe(1);

    const [parent, child] = await Promise.all([
      backend.invoke('runs:results', { runId }),
      backend.invoke('runs:results', { runId: fork }),
    ]);
    const before = (t: { entryTime: number }) => t.entryTime <= at.simTime!;
    // What happened before the checkpoint is the parent's, one lot each.
    expect(child.trades.filter(before)).toEqual(parent.trades.filter(before));
    expect(parent.trades.every((t) => t.size === 100_000)).toBe(true);
    const after = child.trades.filter((t) => !before(t));
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((t) => t.size)).toEqual(after.map(() => 300_000));

    // The fork's own checkpoints carry its params: forking it again reproduces it exactly.
    const first = (await backend.invoke('checkpoints:list', { runId: fork }))[0];
    expect(first.trigger).toBe('fork');
    const again = await backend.invoke('runs:resume', { runId: fork, checkpoint: first.seq });
    expect((await log.ended(again.runId)).status).toBe('completed');
    const replay = await backend.invoke('runs:results', { runId: again.runId });
    expect(replay.trades).toEqual(child.trades);
  });

  it('refuses a param that changes the indicators the checkpoint computed, and unknown params', async () => {
    const { backend, runId } = await completedRun(backendIn, RUN);
    await expect(
      backend.invoke('runs:resume', { runId, checkpoint: 2, params: { fast: 12 } }),
    ).rejects.toThrow(
      'fast=12 changes the indicators the strategy needs (ema(12) is not in the checkpoint); start a new run instead',
    );
    await expect(
      backend.invoke('runs:resume', { runId, checkpoint: 2, params: { fast: 50 } }),
    ).rejects.toThrow(/fast=50: ma-cross: fast \(50\) must be less than slow \(20\)/);
    await expect(
      backend.invoke('runs:resume', { runId, checkpoint: 2, params: { lotz: 2 } }),
    ).rejects.toThrow(/lotz/);
    // Nothing was forked by the refusals.
    expect((await backend.invoke('runs:list')).map((r) => r.id)).toEqual([runId]);
  });
});
