// Stop vs Pause through a real backend: Stop ends the run ('stopped') with statistics to date
// and leaves it neither resumable nor offered for recovery; Pause is covered in runs.test.ts.
import { describe, expect, it, vi } from 'vitest';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { EventLog, MA_CROSS_RUN, seed, useBackends } from './helpers.ts';

// Each engine step sleeps this long, so the run is still going when it is stopped.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '25';
});

const backendIn = useBackends();

const RUN: ArgsOf<'runs:start'> = { ...MA_CROSS_RUN, indicators: ['sma(5)'] };

describe('runs:stop', () => {
  it('ends a running run as stopped, with statistics to date, not resumable nor recoverable', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0);

    await backend.invoke('runs:stop', { runId }); // resolves once it has ended
    expect(log.of('run:state', runId).map((s) => s.status)).toEqual(['running', 'stopped']);
    const run = await backend.invoke('runs:get', { runId });
    expect(run.status).toBe('stopped');
    expect(run.ticksDone).toBeGreaterThan(0);
    expect(run.ticksDone).toBeLessThan(run.ticksTotal);

    const results = await backend.invoke('runs:results', { runId });
    expect(results.stats).not.toBeNull();
    expect(results.report?.toDate).toBe(true);

    expect(await backend.invoke('runs:recoverable')).toEqual([]);
    await expect(backend.invoke('runs:resume', { runId })).rejects.toThrow(
      `run ${runId} is stopped`,
    );
    await expect(backend.invoke('runs:stop', { runId })).rejects.toThrow(
      `run ${runId} is not running in this app`,
    );
    // No pause checkpoint: stopping is not pausing.
    const checkpoints = await backend.invoke('checkpoints:list', { runId });
    expect(checkpoints.map((c) => c.trigger)).not.toContain('pause');
    expect(checkpoints.map((c) => c.trigger)).not.toContain('shutdown');
  });
});
