import { describe, expect, it, vi } from 'vitest';
import { checkpointFileOf, completedRun, useBackends } from '../../api/helpers.ts';
import { configHash } from '../../../src/main/services/checkpoints/checkpoint-capture.ts';
import { rewriteCheckpoint } from './rewrite-checkpoint.ts';

// Slow the run down (ms per engine step) so the writer keeps up with every tick trigger.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '10';
});

const backendIn = useBackends();

describe('checkpoints:verify (the app and the web bridge)', () => {
  it('answers ok: false naming the failed store check for a checksum-valid checkpoint of other settings', async () => {
    const { backend, dataDir, runId } = await completedRun(backendIn, {
      symbols: ['EURUSD'],
      timeframes: ['M1', 'H1'],
      strategy: 'ma-cross',
      params: { timeframe: 'M1', trendTimeframe: 'H1', fast: 5, slow: 20, trendPeriod: 10 },
      checkpoints: { intervalMs: 0, everyTicks: 50_000, keep: 50, level: 1 },
    });
    const seq = 2;
    expect(await backend.invoke('checkpoints:verify', { runId, seq })).toMatchObject({ ok: true });

    // Content, hash and file name all agree; only the run record knows other settings.
    const file = checkpointFileOf(dataDir, runId, seq);
    await rewriteCheckpoint(file, (d) => {
      d.config.account.slippage = 0.0001;
      d.configHash = configHash(d.config);
    });
    const r = await backend.invoke('checkpoints:verify', { runId, seq });
    expect(r.ok).toBe(false);
    expect(r.message).toContain(file);
    expect(r.message).toMatch(/\(content\): config: differs from the settings of run \S+/);
  });
});
