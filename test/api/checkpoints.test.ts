import fs from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_FORMAT_VERSION } from '../../src/main/services/checkpoints/checkpoint-data.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import type { Backend } from '../../src/main/services/api/backend.ts';
import { checkpointFileOf, completedRun, useBackends } from './helpers.ts';

// Every tick trigger writes (none skipped for a busy writer): the counts below must not depend
// on how loaded the machine is.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_CKPT_NO_SKIP = '1';
});

const backendIn = useBackends();

/** A completed run with checkpoints every 30 000 ticks: the newest 3 kept, plus one per decile. */
function runWithCheckpoints(): Promise<{ backend: Backend; dataDir: string; runId: string }> {
  return completedRun(backendIn, {
    symbols: ['EURUSD'],
    timeframes: ['M1', 'H1'],
    indicators: ['ema(10)'],
    strategy: 'ma-cross',
    params: { timeframe: 'M1', trendTimeframe: 'H1', fast: 5, slow: 20, trendPeriod: 10 },
    checkpoints: { intervalMs: 0, everyTicks: 30_000, keep: 3, level: 1 },
  });
}

beforeAll(async () => {
  await loadHasher();
});

describe('checkpoint channels', () => {
  it('lists checkpoints with progress, retention deletions and files gone missing', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const list = await backend.invoke('checkpoints:list', { runId });
    const run = await backend.invoke('runs:get', { runId });
    expect(list.map((c) => c.seq)).toEqual(list.map((_c, i) => i + 1));
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.at(-1)).toMatchObject({ trigger: 'end', status: 'valid', progressPct: 100 });
    for (const c of list) {
      expect(c.progressPct).toBeCloseTo((100 * c.ticks) / run.ticksTotal, 10);
      expect(c.simTime).toBeGreaterThan(Date.parse('2024-01-03'));
    }
    expect(
      list.some((c) => c.status === 'deleted'),
      'retention removed some',
    ).toBe(true);
    const valid = list.filter((c) => c.status === 'valid');
    fs.rmSync(checkpointFileOf(dataDir, runId, valid[0].seq));
    const after = await backend.invoke('checkpoints:list', { runId });
    expect(after.find((c) => c.seq === valid[0].seq)?.status).toBe('missing');
    await expect(backend.invoke('checkpoints:list', { runId: 'nope' })).rejects.toThrow(
      "no run 'nope'",
    );
  });

  it('inspects a checkpoint and diffs two of them', async () => {
    const { backend, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    const [a, b] = [valid.at(-2)!, valid.at(-1)!];
    const report = await backend.invoke('checkpoints:inspect', { runId, seq: b.seq });
    expect(report.run).toMatchObject({ id: runId, seq: b.seq, strategy: 'ma-cross' });
    expect(report.cursor.ticks).toBe(b.ticks);
    expect(report.frames.map((f) => f.timeframe)).toEqual(['M1', 'H1']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const diff = await backend.invoke('checkpoints:diff', { runId, a: a.seq, b: b.seq });
    expect(diff.a).toMatchObject({ runId, seq: a.seq, ticks: a.ticks });
    expect(diff.ticksAdvanced).toBe(b.ticks - a.ticks);
    await expect(backend.invoke('checkpoints:inspect', { runId, seq: 999 })).rejects.toThrow(
      `run ${runId} has no checkpoint 999`,
    );
    const deleted = (await backend.invoke('checkpoints:list', { runId })).find(
      (c) => c.status === 'deleted',
    )!;
    await expect(
      backend.invoke('checkpoints:inspect', { runId, seq: deleted.seq }),
    ).rejects.toThrow(`checkpoint ${deleted.seq} of run ${runId} is missing`);
  });

  it('verifies: ok, corrupt and newer-format files are answers, not errors', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    const ok = await backend.invoke('checkpoints:verify', { runId, seq: valid[0].seq });
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/: OK \(format \d+, run .*, seq \d+, \d+ ticks, \d+ bytes\)$/);

    const flipped = checkpointFileOf(dataDir, runId, valid[0].seq);
    const bytes = fs.readFileSync(flipped);
    bytes[40] ^= 0xff;
    fs.writeFileSync(flipped, bytes);
    const corrupt = await backend.invoke('checkpoints:verify', { runId, seq: valid[0].seq });
    expect(corrupt).toEqual({ ok: false, message: expect.stringMatching(/corrupt checkpoint/) });

    // A well-formed file of a newer format: version bumped and the checksum recomputed.
    const newer = checkpointFileOf(dataDir, runId, valid[1].seq);
    const image = new Uint8Array(fs.readFileSync(newer));
    const view = new DataView(image.buffer);
    view.setUint32(4, CHECKPOINT_FORMAT_VERSION + 1, true);
    const hash = (await loadHasher()).h64Raw(image.subarray(0, image.length - 8), 0n);
    view.setBigUint64(image.length - 8, hash, true);
    fs.writeFileSync(newer, image);
    const future = await backend.invoke('checkpoints:verify', { runId, seq: valid[1].seq });
    expect(future).toEqual({ ok: false, message: expect.stringMatching(/newer BackTestr/) });

    fs.rmSync(newer);
    expect(await backend.invoke('checkpoints:verify', { runId, seq: valid[1].seq })).toEqual({
      ok: false,
      message: `the file is missing: ${newer}`,
    });
    await expect(backend.invoke('checkpoints:verify', { runId, seq: 999 })).rejects.toThrow(
      'has no checkpoint 999',
    );
  });

  it('deletes an older checkpoint but refuses the newest valid one', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    const newest = valid.at(-1)!;
    await expect(backend.invoke('checkpoints:delete', { runId, seq: newest.seq })).rejects.toThrow(
      `checkpoint ${newest.seq} is the newest valid checkpoint of run ${runId}`,
    );
    expect(fs.existsSync(checkpointFileOf(dataDir, runId, newest.seq))).toBe(true);

    const older = valid[0];
    const file = checkpointFileOf(dataDir, runId, older.seq);
    await backend.invoke('checkpoints:delete', { runId, seq: older.seq });
    expect(fs.existsSync(file)).toBe(false);
    const list = await backend.invoke('checkpoints:list', { runId });
    expect(list.find((c) => c.seq === older.seq)?.status).toBe('deleted');
    await expect(backend.invoke('checkpoints:delete', { runId, seq: older.seq })).rejects.toThrow(
      'is already deleted',
    );

    // Once the newest file is gone, the one before it is what resume would use: protected too.
    fs.rmSync(checkpointFileOf(dataDir, runId, newest.seq));
    const before = valid.at(-2)!;
    await expect(backend.invoke('checkpoints:delete', { runId, seq: before.seq })).rejects.toThrow(
      'is the newest valid checkpoint',
    );
    await backend.invoke('checkpoints:delete', { runId, seq: newest.seq }); // a missing one may go
  });
});
