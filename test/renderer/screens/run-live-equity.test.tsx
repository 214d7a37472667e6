// @vitest-environment happy-dom
// The Run screen's equity after a resume: the stored curve so far, then the live samples — not
// only what happened since the screen opened.
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EquityPoint, RunProgressEvent } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { useRunLive } from '../../../src/renderer/src/screens/run/useRunLive.ts';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import { emptyResults, fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function point(day: number, equity: number): EquityPoint {
  return {
    time: T0 + day * DAY,
    balance: 10_000,
    equity,
    drawdown: 0,
    drawdownPct: 0,
    margin: 0,
    marginLevel: null,
  };
}

function progress(day: number, equity: number): RunProgressEvent {
  return {
    runId: 'r1',
    ticksDone: 500,
    ticksTotal: 1000,
    ticksPerSec: 100,
    seconds: 5,
    etaSeconds: 5,
    simTime: T0 + day * DAY,
    balance: 10_000,
    equity,
    marginLevel: null,
    frames: [],
  };
}

let fake: FakeBackend;
beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    // A run resumed from a checkpoint on day 3: running, with days 0–2 already stored.
    'runs:get': () => runInfo({ status: 'running' }),
    'runs:results': () => ({
      ...emptyResults(),
      equity: [point(0, 10_000), point(1, 10_050), point(2, 10_020)],
    }),
  });
  setApi(fake.api);
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('useRunLive equity', () => {
  it('a running run shows its stored curve so far followed by the live samples', async () => {
    const { result } = renderHook(() => useRunLive('r1'));
    await waitFor(() => expect(result.current.equity).toHaveLength(3));
    expect(fake.callsOf('runs:results')[0]).toMatchObject({ runId: 'r1' });
    fake.emit('run:progress', progress(3, 10_100));
    fake.emit('run:progress', progress(4, 10_150));
    await waitFor(() => expect(result.current.equity).toHaveLength(5));
    expect(result.current.equity.map((p) => [(p.time - T0) / DAY, p.equity])).toEqual([
      [0, 10_000],
      [1, 10_050],
      [2, 10_020],
      [3, 10_100],
      [4, 10_150],
    ]);
  });

  it('stored points at or after the first live sample give way to the live ones', async () => {
    const { result } = renderHook(() => useRunLive('r1'));
    await waitFor(() => expect(result.current.equity).toHaveLength(3));
    fake.emit('run:progress', progress(2, 10_030));
    await waitFor(() => expect(result.current.equity.at(-1)?.equity).toBe(10_030));
    expect(result.current.equity.map((p) => (p.time - T0) / DAY)).toEqual([0, 1, 2]);
  });
});
