// The web page's connection monitor: lost → probing with a capped backoff → seen on the first
// answer; events only on changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionMonitor } from '../../src/renderer/src/api/connection-monitor.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createConnectionMonitor', () => {
  it('reports a loss once, probes with a backoff capped at maxRetryMs, reports the return', async () => {
    let up = false;
    const probes: number[] = [];
    const m = createConnectionMonitor({
      probe: async () => {
        probes.push(Date.now());
        if (!up) throw new Error('ECONNREFUSED');
      },
      minRetryMs: 250,
      maxRetryMs: 2000,
    });
    const events: string[] = [];
    m.on((e) => events.push(e.state));
    const start = Date.now();
    m.lost();
    m.lost();
    expect(events).toEqual(['disconnected']);
    await vi.advanceTimersByTimeAsync(10_000);
    const gaps = probes.map((t, i) => t - (i === 0 ? start : probes[i - 1]!));
    expect(gaps.slice(0, 5)).toEqual([250, 500, 1000, 2000, 2000]);
    up = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(events).toEqual(['disconnected', 'connected']);
    expect(m.state()).toBe('connected');
    const n = probes.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probes.length).toBe(n); // no probing while connected
  });

  it('a request that got through ends the outage at once; close() stops probing', async () => {
    const probe = vi.fn(async () => {
      throw new Error('down');
    });
    const m = createConnectionMonitor({ probe });
    const events: string[] = [];
    m.on((e) => events.push(e.state));
    m.seen(); // already connected: nothing
    m.lost();
    m.seen();
    expect(events).toEqual(['disconnected', 'connected']);
    m.lost();
    m.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).not.toHaveBeenCalled();
  });
});
