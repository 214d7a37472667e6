// The watchdog against marks written the way the engine writes them (CallbackWatch on a shared
// buffer), and the message it builds. No wall-clock assertion: budgets are small and the test
// only waits for the verdict.
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CallbackWatch,
  newWatchBuffer,
  readCallbackWatch,
} from '../../src/main/engine/strategy/callback-watch.ts';
import { stuckMessage, Watchdog } from '../../src/main/services/runs/isolation/watchdog.ts';

const RUN = {
  runId: 'r1',
  strategy: '/data/strategies/s.mjs',
  symbols: ['EURUSD', 'GBPUSD'],
  timeframes: ['M1', 'H1'],
};
const BAR = Date.parse('2024-01-03T10:00:00Z');

describe('callback watch', () => {
  it('shows the call inside, and nothing once it returned', () => {
    const buffer = newWatchBuffer();
    const watch = new CallbackWatch(buffer);
    expect(readCallbackWatch(buffer).callback).toBeNull();
    watch.enter(CALLBACK.onBar, 1, 1, BAR);
    expect(readCallbackWatch(buffer)).toEqual({
      entries: 1,
      callback: 'onBar',
      symbol: 1,
      timeframe: 1,
      time: BAR,
    });
    watch.exit();
    watch.enter(CALLBACK.onTick, 0, -1, BAR + 1);
    expect(readCallbackWatch(buffer)).toMatchObject({ entries: 2, callback: 'onTick' });
    watch.exit();
    expect(readCallbackWatch(buffer).callback).toBeNull();
  });
});

describe('watchdog', () => {
  it('reports a call that stays inside past its budget, once, with where it is', async () => {
    const buffer = newWatchBuffer();
    new CallbackWatch(buffer).enter(CALLBACK.onBar, 1, 1, BAR);
    const verdicts: string[] = [];
    await new Promise<void>((resolve) => {
      const dog = new Watchdog(buffer, { callbackMs: 40, loadMs: 10_000 }, (s, budget) => {
        verdicts.push(stuckMessage(RUN, null, s, budget));
        setTimeout(resolve, 200); // time for a second (wrong) verdict to show up
      });
      dog.start();
    });
    expect(verdicts).toEqual([
      'strategy /data/strategies/s.mjs: onBar on GBPUSD H1 bar 2024-01-03T10:00:00Z ran longer than 0.04 s',
    ]);
  });

  it('uses the load budget while a module loads', async () => {
    const buffer = newWatchBuffer();
    new CallbackWatch(buffer).enter(CALLBACK.loading, -1, -1, NaN);
    const message = await new Promise<string>((resolve) => {
      const dog = new Watchdog(buffer, { callbackMs: 10_000, loadMs: 40 }, (s, budget) =>
        resolve(stuckMessage(null, '/data/strategies/s.mjs', s, budget)),
      );
      dog.start();
    });
    expect(message).toBe('loading /data/strategies/s.mjs took longer than 0.04 s');
  });
});

describe('stuckMessage', () => {
  const snap = { entries: 1, symbol: 0, timeframe: -1, time: BAR };
  it('names the tick for onTick and just the callback for init', () => {
    expect(stuckMessage(RUN, null, { ...snap, callback: 'onTick' }, 5000)).toBe(
      'strategy /data/strategies/s.mjs: onTick on EURUSD tick 2024-01-03T10:00:00Z ran longer than 5 s',
    );
    expect(stuckMessage(RUN, null, { ...snap, callback: 'init', time: NaN }, 2500)).toBe(
      'strategy /data/strategies/s.mjs: init ran longer than 2.5 s',
    );
  });
});
